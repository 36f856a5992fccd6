package dev.rehearsal.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code export}: the audit export (runs and every decision on them, refused ones too) as CSV or JSON, for auditors. */
final class ExportCommand {
  static final String USAGE = "export [--format csv|json] " + RunQuery.USAGE + " [-o FILE]";
  private static final Map<String, String> ACCEPT = Map.of("csv", "text/csv", "json", "application/json");

  private ExportCommand() {}

  static ExitCode run(List<String> argv, Terminal io) {
    List<String> extra = new ArrayList<>(RunQuery.OPTIONS);
    extra.add("--format");
    CliArgs args = CliArgs.parse(OutputFile.longForm(argv), OutputFile.options(extra.toArray(String[]::new)), Set.of());
    args.positionals();
    String format = args.option("--format") == null ? "json" : args.option("--format");
    if (!ACCEPT.containsKey(format)) {
      throw new CliFailure(ExitCode.USAGE, "--format takes csv or json, got " + format);
    }
    Map<String, String> parameters = RunQuery.parameters(args, args.option("--status"));
    parameters.put("format", format);
    ServerClient server = new ServerClient(Connection.of(args, io.env()));
    String path = "/api/v1/audit/export" + RunQuery.queryString(parameters);
    OutputFile.write(args.option(OutputFile.OPTION), io.out(), out -> server.download(path, ACCEPT.get(format), out));
    return ExitCode.READY;
  }
}
