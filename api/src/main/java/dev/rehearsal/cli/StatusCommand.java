package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code status ID}: the run's status, phase, readiness and steps; the exit code says what it came to so far. */
final class StatusCommand {
  static final String USAGE = "status ID";

  private StatusCommand() {}

  static ExitCode run(List<String> argv, Terminal io) {
    CliArgs args = CliArgs.parse(argv, CliArgs.CONNECTION, java.util.Set.of());
    String id = args.positionals("ID").get(0);
    Connection connection = Connection.of(args, io.env());
    JsonNode state = new ServerClient(connection).get("/api/v1/rehearsals/" + RunIds.checked(id), "id", "status");
    RunLines.print(state, connection, io.out());
    return ExitCode.of(state);
  }
}
