package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code decide ID retry|skip|rollback|abort [--reason TEXT] [--step STEP]}: an ENGINEER's decision on the failed step
 * the run waits on (read from the run's {@code waitingFor}, or named with {@code --step}).
 */
final class DecideCommand {
  static final String USAGE = "decide ID retry|skip|rollback|abort [--reason TEXT] [--step STEP]";
  /** The API's actions, by their wire names ({@code FailureAction}). */
  private static final List<String> ACTIONS = List.of("retry", "skip", "rollback", "abort");

  private DecideCommand() {}

  static ExitCode run(List<String> argv, Terminal io) {
    Set<String> options = new HashSet<>(CliArgs.CONNECTION);
    options.addAll(List.of("--reason", "--step"));
    CliArgs args = CliArgs.parse(argv, options, Set.of());
    List<String> positionals = args.positionals("ID", "ACTION");
    String id = RunIds.checked(positionals.get(0));
    String action = positionals.get(1).toLowerCase(Locale.ROOT);
    if (!ACTIONS.contains(action)) {
      throw new CliFailure(ExitCode.USAGE, "the action is retry, skip, rollback or abort, got " + positionals.get(1));
    }
    String reason = args.option("--reason");
    // The API refuses a skip without a reason (and records the refusal on the run): say so before asking it.
    if (action.equals("skip") && (reason == null || reason.isBlank())) {
      throw new CliFailure(ExitCode.USAGE, "skip needs --reason saying why the failed step may be skipped");
    }
    ServerClient server = new ServerClient(Connection.of(args, io.env()));
    String step = args.option("--step") != null ? RunIds.checkedStep(args.option("--step")) : waitingStep(server, id);
    ObjectNode body = Json.object().put("action", action);
    if (reason != null) {
      body.put("reason", reason);
    }
    server.post("/api/v1/rehearsals/" + id + "/steps/" + step + "/decision", body, Map.of(), "action");
    io.out().println("decided " + id + " " + step + ": " + action);
    return ExitCode.READY;
  }

  /** The step the run waits on for a decision; none is a refusal, as the server would answer. */
  private static String waitingStep(ServerClient server, String id) {
    JsonNode state = server.get("/api/v1/rehearsals/" + id, "status");
    JsonNode waiting = state.path("waitingFor");
    if (!waiting.path("kind").asText().equals("decision")) {
      String now = waiting.path("kind").asText().equals("manual")
          ? "it waits for manual step " + waiting.path("step").asText() + " (rehearsal complete)"
          : "its status is " + state.path("status").asText();
      throw new CliFailure(ExitCode.REFUSED, "no failed step of " + id + " waits for a decision; " + now);
    }
    return RunIds.checkedStep(waiting.path("step").asText());
  }
}
