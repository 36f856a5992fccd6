package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
    JsonNode inbox = new ServerClient(Connection.of(args, io.env())).get("/api/v1/inbox", "items");
    if (format.equals("json")) {
      io.out().println(pretty(inbox));
      return ExitCode.READY;
    }
    if (inbox.path("items").isEmpty()) {
      io.out().println("nothing waits for " + inbox.path("user").asText("you"));
    }
    for (JsonNode item : inbox.path("items")) {
      io.out().println(line(item));
    }
    return ExitCode.READY;
  }

  /** {@code <id>  <awaited> [<step>]  <plan> <rc> on <env>  waiting <for> since <when>  <command>}. */
  static String line(JsonNode item) {
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
    return line.append("  ").append(command(awaited, id, step)).toString();
  }

  private static String command(String awaited, String id, String step) {
    return switch (awaited) {
      case "approval" -> "rehearsal approve " + id + " --comment \"...\" (or: rehearsal reject " + id + " --comment \"...\")";
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
