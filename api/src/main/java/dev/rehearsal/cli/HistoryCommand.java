package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code history ID}: the run's timeline, one event a line (time, what, step, who, details); with
 * {@code --format temporal}, the raw Temporal history JSON as the server keeps it (replayable).
 */
final class HistoryCommand {
  static final String USAGE = "history ID [--format timeline|temporal] [-o FILE]";

  private HistoryCommand() {}

  static ExitCode run(List<String> argv, Terminal io) {
    CliArgs args = CliArgs.parse(OutputFile.longForm(argv), OutputFile.options("--format"), Set.of());
    String id = RunIds.checked(args.positionals("ID").get(0));
    String format = args.option("--format") == null ? "timeline" : args.option("--format");
    if (!format.equals("timeline") && !format.equals("temporal")) {
      throw new CliFailure(ExitCode.USAGE, "--format takes timeline or temporal, got " + format);
    }
    ServerClient server = new ServerClient(Connection.of(args, io.env()));
    String path = "/api/v1/rehearsals/" + id + "/history";
    if (format.equals("temporal")) {
      OutputFile.write(args.option(OutputFile.OPTION), io.out(), out -> server.download(path + "?format=temporal", "application/json", out));
      return ExitCode.READY;
    }
    JsonNode timeline = server.get(path);
    OutputFile.write(args.option(OutputFile.OPTION), io.out(), out -> print(timeline, out));
    return ExitCode.READY;
  }

  /** Straight to {@code sink}, no PrintStream between: it would hide a failed write (a full disk) and leave an empty file. */
  private static void print(JsonNode timeline, OutputStream sink) throws IOException {
    StringBuilder out = new StringBuilder();
    for (JsonNode entry : timeline) {
      StringBuilder line = new StringBuilder(entry.path("at").asText("-").replace('T', ' '))
          .append("  ").append(String.format("%-22s", entry.path("type").asText()));
      if (entry.hasNonNull("step")) {
        line.append("  step ").append(entry.get("step").asText());
      }
      if (entry.hasNonNull("actor")) {
        line.append("  by ").append(entry.get("actor").asText());
      }
      for (Map.Entry<String, JsonNode> detail : entry.path("detail").properties()) {
        JsonNode value = detail.getValue();
        if (!value.isNull()) {
          line.append("  ").append(detail.getKey()).append('=').append(value.isValueNode() ? value.asText() : value.toString());
        }
      }
      out.append(line.toString().replace('\n', ' ').stripTrailing()).append(System.lineSeparator());
    }
    sink.write(out.toString().getBytes(StandardCharsets.UTF_8));
  }
}
