package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.plan.PlanProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code start PLAN.yaml --rc V [--param k=v ...] [--idempotency-key K] [--follow | --wait] [--until signoff|end]}: starts a
 * run, prints its id and page; with {@code --wait} or {@code --follow} (an event line per step), watches it and exits
 * with what it came to.
 */
final class StartCommand {
  static final String USAGE = "start PLAN.yaml --rc VERSION [--param KEY=VALUE ...] [--idempotency-key KEY] [--follow | --wait] [--until signoff|end]";
  private static final Set<String> OPTIONS = Set.of("--url", "--token-file", "--rc", "--param", "--idempotency-key", "--until");

  private StartCommand() {}

  static ExitCode run(List<String> argv, Terminal io) {
    CliArgs args = CliArgs.parse(argv, OPTIONS, Set.of("--wait", "--follow"));
    String file = args.positionals("PLAN.yaml").get(0);
    String rc = args.required("--rc");
    boolean wait = args.flag("--wait");
    boolean follow = args.flag("--follow");
    if (wait && follow) {
      throw new CliFailure(ExitCode.USAGE, "--wait and --follow exclude each other (--follow also waits)");
    }
    String until = args.option("--until");
    if (until != null && !wait && !follow) {
      throw new CliFailure(ExitCode.USAGE, RunWaiter.UNTIL_USAGE);
    }
    boolean untilEnd = RunWaiter.untilEnd(until);
    Map<String, String> parameters = args.pairs("--param");
    Connection connection = Connection.of(args, io.env());
    JsonNode plan = PlanFile.read(file, io.err());
    List<PlanProblem> problems = PlanFile.problems(plan, parameters);
    if (!problems.isEmpty()) {
      PlanFile.print(file, problems, io.err());
      throw new CliFailure(ExitCode.INVALID_PLAN, file + ": " + problems.size() + " problem(s); nothing was started");
    }
    ObjectNode body = Json.object();
    body.set("plan", plan);
    body.put("releaseCandidate", rc);
    body.set("parameters", Json.object(parameters));
    Map<String, String> headers = new HashMap<>();
    if (args.option("--idempotency-key") != null) {
      headers.put("Idempotency-Key", args.option("--idempotency-key"));
    }
    ServerClient server = new ServerClient(connection);
    JsonNode started;
    try {
      started = server.post("/api/v1/rehearsals", body, headers, "id");
    } catch (ServerClient.InvalidPlan refused) {
      refused.problems().forEach(p -> io.err().println(file + ": " + p.path("path").asText() + ": " + p.path("message").asText()));
      throw new CliFailure(ExitCode.INVALID_PLAN, file + ": the server refused the plan; nothing was started");
    }
    String id = started.path("id").asText();
    io.out().println(id);
    io.out().println(connection.runPage(id));
    // The id is the pipeline's handle on the run: if it went nowhere, say so now rather than after hours of waiting.
    io.checkOut();
    if (follow) {
      return FollowCommand.follow(server, connection, id, untilEnd, io);
    }
    if (!wait) {
      return ExitCode.READY;
    }
    JsonNode end = RunWaiter.await(server, id, untilEnd, io, RunWaiter.statusLines(id, io.out()));
    RunLines.print(end, connection, io.out());
    return ExitCode.of(end);
  }
}
