package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code inbox [--format text|json]}: what waits on the token's user across open runs, newest first; one line each,
 * ending with the command that acts on it.
 */
final class InboxCommand {
  static final String USAGE = "inbox [--format text|json]";

  private InboxCommand() {}

  static ExitCode run(List<String> argv, Terminal io) {
    Set<String> options = new HashSet<>(CliArgs.CONNECTION);
    options.add("--format");
    CliArgs args = CliArgs.parse(argv, options, Set.of());
    args.positionals();
    String format = args.option("--format") == null ? "text" : args.option("--format");
    if (!format.equals("text") && !format.equals("json")) {
      throw new CliFailure(ExitCode.USAGE, "--format takes text or json, got " + format);
    }
    ServerClient server = new ServerClient(Connection.of(args, io.env()));
    JsonNode inbox = server.get("/api/v1/inbox", "items");
    if (format.equals("json")) {
      io.out().println(pretty(inbox));
      return ExitCode.READY;
    }
    if (inbox.path("items").isEmpty()) {
      io.out().println("nothing waits for " + inbox.path("user").asText("you"));
    }
    for (JsonNode item : inbox.path("items")) {
      // The inbox does not say which gates need a waiver; the run's state does (one more request per approval).
      List<String> toWaive = item.path("awaited").asText().equals("approval")
          ? toWaive(server.get("/api/v1/rehearsals/" + RunIds.checked(item.path("runId").asText())))
          : List.of();
      io.out().println(line(item, toWaive));
    }
    return ExitCode.READY;
  }

  /** The gates an approval must waive (WARN or INCONCLUSIVE): an approval without their waivers is refused. */
  private static List<String> toWaive(JsonNode state) {
    List<String> gates = new ArrayList<>();
    for (JsonNode gate : state.path("gates")) {
      String verdict = gate.path("verdict").asText();
      if (verdict.equals("WARN") || verdict.equals("INCONCLUSIVE")) {
        gates.add(gate.path("name").asText());
      }
    }
    return gates;
  }

  /**
   * {@code <id>  <awaited> [<step>]  <plan> <rc> on <env>  waiting <for> since <when>  <command>}; an approval's
   * command names a {@code --waive} for each gate in {@code toWaive}.
   */
  static String line(JsonNode item, List<String> toWaive) {
    String id = item.path("runId").asText();
    String awaited = item.path("awaited").asText();
    String step = item.path("step").asText("");
    StringBuilder line = new StringBuilder(id).append("  ").append(awaited.equals("manual") ? "manual step" : awaited);
    if (!step.isEmpty()) {
      line.append(' ').append(step);
    }
    line.append("  ").append(item.path("plan").asText()).append(' ').append(item.path("releaseCandidate").asText())
        .append(" on ").append(item.path("environment").asText())
        .append("  waiting ").append(waited(item.path("waitedSeconds").asLong()))
        .append(" since ").append(item.path("since").asText("-"));
    for (JsonNode open : item.path("open")) {
      line.append("  needs ").append(open.path("needed").asInt()).append(" more of ").append(open.path("rule").asText());
    }
    return line.append("  ").append(command(awaited, id, step, toWaive)).toString();
  }

  private static String command(String awaited, String id, String step, List<String> toWaive) {
    StringBuilder waivers = new StringBuilder();
    toWaive.forEach(gate -> waivers.append(" --waive ").append(gate).append("=\"...\""));
    return switch (awaited) {
      case "approval" -> "rehearsal approve " + id + " --comment \"...\"" + waivers + " (or: rehearsal reject " + id + " --comment \"...\")";
      case "manual" -> "rehearsal complete " + id + " " + step + " --note \"...\" [--attach FILE]";
      case "decision" -> "rehearsal decide " + id + " retry|skip|rollback|abort --reason \"...\"";
      default -> "rehearsal status " + id;
    };
  }

  private static String waited(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    return hours < 24 ? hours + "h" + (minutes % 60) + "m" : hours / 24 + "d" + (hours % 24) + "h";
  }

  private static String pretty(JsonNode node) {
    return node.toPrettyString();
  }
}
