package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code complete ID STEP --note TEXT [--outcome confirmed|failed] [--attach FILE ...]}: completes a manual step as the
 * token's user. Attachments are checked here (they exist, are regular, non-empty files) so a typo costs one line, not a
 * refused completion recorded on the run; they are streamed, never read into memory.
 */
final class CompleteCommand {
  static final String USAGE = "complete ID STEP --note TEXT [--outcome confirmed|failed] [--attach FILE ...]";
  /** The API's outcomes ({@code CONFIRMED}, {@code FAILED}), typed in any case. */
  private static final List<String> OUTCOMES = List.of("CONFIRMED", "FAILED");

  private CompleteCommand() {}

  static ExitCode run(List<String> argv, Terminal io) {
    Set<String> options = new HashSet<>(CliArgs.CONNECTION);
    options.addAll(List.of("--note", "--outcome", "--attach"));
    CliArgs args = CliArgs.parse(argv, options, Set.of());
    List<String> positionals = args.positionals("ID", "STEP");
    String id = RunIds.checked(positionals.get(0));
    String step = RunIds.checkedStep(positionals.get(1));
    String note = args.required("--note");
    String outcome = args.option("--outcome") == null ? "CONFIRMED" : args.option("--outcome").toUpperCase(Locale.ROOT);
    if (!OUTCOMES.contains(outcome)) {
      throw new CliFailure(ExitCode.USAGE, "--outcome takes confirmed or failed, got " + args.option("--outcome"));
    }
    MultipartBody body = new MultipartBody().text("outcome", outcome).text("note", note);
    List<String> attachments = args.all("--attach");
    for (String attachment : attachments) {
      body.file("attachment", checkedFile(attachment));
    }
    JsonNode done = new ServerClient(Connection.of(args, io.env()))
        .postMultipart("/api/v1/rehearsals/" + id + "/steps/" + step + "/complete", body, "outcome");
    io.out().println("completed " + id + " " + step + " " + outcome.toLowerCase(Locale.ROOT)
        + (attachments.isEmpty() ? "" : " with " + attachments.size() + " attachment(s)")
        + (done.hasNonNull("actor") ? " as " + done.get("actor").asText() : ""));
    return ExitCode.READY;
  }

  private static Path checkedFile(String name) {
    Path file = Path.of(name);
    if (!Files.exists(file)) {
      throw new CliFailure(ExitCode.USAGE, name + ": no such file");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new CliFailure(ExitCode.USAGE, name + ": not a readable regular file");
    }
    try {
      if (Files.size(file) == 0) {
        throw new CliFailure(ExitCode.USAGE, name + ": empty; the server refuses an empty attachment");
      }
    } catch (java.io.IOException e) {
      throw new CliFailure(ExitCode.USAGE, name + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    }
    return file;
  }
}
