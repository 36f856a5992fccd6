package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code list}: runs, newest first, as a table (or the API's JSON). The API filters on one status at a time, so each
 * {@code --status} is one call and the answers are merged. Each item carries its readiness ({@code -} until the run
 * has said it), so the table needs no further request per run.
 */
final class ListCommand {
  static final String USAGE = "list [--status S ...] " + RunQuery.USAGE.replace("[--status S] ", "") + " [--limit N] [--format table|json]";
  private static final String[] HEADINGS = {"ID", "PLAN", "RC", "ENVIRONMENT", "STATUS", "READINESS", "STARTED", "INITIATOR"};

  private ListCommand() {}

  static ExitCode run(List<String> argv, Terminal io) {
    Set<String> options = new HashSet<>(CliArgs.CONNECTION);
    options.addAll(RunQuery.OPTIONS);
    options.addAll(List.of("--limit", "--format"));
    CliArgs args = CliArgs.parse(argv, options, Set.of());
    args.positionals();
    String format = args.option("--format") == null ? "table" : args.option("--format");
    if (!format.equals("table") && !format.equals("json")) {
      throw new CliFailure(ExitCode.USAGE, "--format takes table or json, got " + format);
    }
    int limit = limit(args.option("--limit"));
    ServerClient server = new ServerClient(Connection.of(args, io.env()));
    List<String> statuses = args.all("--status").stream().distinct().toList();
    List<JsonNode> runs = new ArrayList<>();
    for (String status : statuses.isEmpty() ? java.util.Collections.<String>singletonList(null) : statuses) {
      Map<String, String> parameters = RunQuery.parameters(args, status);
      parameters.put("limit", String.valueOf(limit));
      server.get("/api/v1/rehearsals" + RunQuery.queryString(parameters), "items").path("items").forEach(runs::add);
    }
    runs.sort(Comparator.comparing(ListCommand::startedAt).reversed());
    List<JsonNode> shown = runs.subList(0, Math.min(limit, runs.size()));
    if (format.equals("json")) {
      ArrayNode items = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().addAll(shown);
      io.out().println(Json.object().set("items", items).toPrettyString());
      return ExitCode.READY;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADINGS);
    shown.forEach(run -> rows.add(row(run)));
    print(rows, io.out());
    return ExitCode.READY;
  }

  private static int limit(String value) {
    if (value == null) {
      return 50;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= 200) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below, like any other out-of-range value
    }
    throw new CliFailure(ExitCode.USAGE, "--limit takes a number from 1 to 200, got " + value);
  }

  private static java.time.Instant startedAt(JsonNode run) {
    try {
      return java.time.Instant.parse(run.path("startedAt").asText());
    } catch (java.time.format.DateTimeParseException unknown) {
      return java.time.Instant.EPOCH;
    }
  }

  private static String[] row(JsonNode run) {
    String started = run.path("startedAt").asText("-").replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    return new String[] {run.path("id").asText(), run.path("plan").asText("-"), run.path("releaseCandidate").asText("-"),
        run.path("environment").asText("-"), text(run, "status"), text(run, "readiness"), started,
        run.path("initiator").asText("-")};
  }

  private static String text(JsonNode run, String field) {
    JsonNode value = run.path(field);
    return value.isTextual() ? value.asText() : "-";
  }

  private static void print(List<String[]> rows, PrintStream out) {
    int[] widths = new int[HEADINGS.length];
    rows.forEach(row -> {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    });
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
