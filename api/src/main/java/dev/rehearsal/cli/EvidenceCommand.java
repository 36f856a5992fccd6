package dev.rehearsal.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code evidence ID NAME}: one artifact of a run, byte for byte, streamed to stdout or to a file; after a file, its
 * size and sha256 go to stderr, to compare with the report's.
 */
final class EvidenceCommand {
  static final String USAGE = "evidence ID NAME [-o FILE]";

  private EvidenceCommand() {}

  static ExitCode run(List<String> argv, Terminal io) {
    CliArgs args = CliArgs.parse(OutputFile.longForm(argv), OutputFile.options(), Set.of());
    List<String> positionals = args.positionals("ID", "NAME");
    String id = RunIds.checked(positionals.get(0));
    String name = positionals.get(1);
    if (name.isBlank() || name.contains("/") || name.equals(".") || name.equals("..")) {
      throw new CliFailure(ExitCode.USAGE, "not an evidence name: " + name);
    }
    ServerClient server = new ServerClient(Connection.of(args, io.env()));
    String path = "/api/v1/rehearsals/" + id + "/evidence/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    OutputFile.Written written = OutputFile.write(args.option(OutputFile.OPTION), io.out(), out -> server.download(path, "*/*", out));
    if (written != null) {
      io.err().println("wrote " + written.path() + ": " + written.size() + " bytes, sha256:" + written.sha256());
    }
    return ExitCode.READY;
  }
}
