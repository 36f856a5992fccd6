package dev.rehearsal.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code report ID}: the run report as the API renders it, chosen by {@code Accept}: Markdown (default), HTML, JSON,
 * or JUnit XML for a CI system's test view.
 */
final class ReportCommand {
  static final String USAGE = "report ID [--format md|html|json|junit] [-o FILE]";
  private static final Map<String, String> ACCEPT = Map.of("md", "text/markdown", "html", "text/html",
      "json", "application/json", "junit", "application/xml");

  private ReportCommand() {}

  static ExitCode run(List<String> argv, Terminal io) {
    CliArgs args = CliArgs.parse(OutputFile.longForm(argv), OutputFile.options("--format"), Set.of());
    String id = RunIds.checked(args.positionals("ID").get(0));
    String format = args.option("--format") == null ? "md" : args.option("--format");
    String accept = ACCEPT.get(format);
    if (accept == null) {
      throw new CliFailure(ExitCode.USAGE, "--format takes md, html, json or junit, got " + format);
    }
    ServerClient server = new ServerClient(Connection.of(args, io.env()));
    OutputFile.write(args.option(OutputFile.OPTION), io.out(), out -> server.download("/api/v1/rehearsals/" + id + "/report", accept, out));
    return ExitCode.READY;
  }
}
