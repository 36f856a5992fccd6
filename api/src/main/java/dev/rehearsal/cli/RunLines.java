package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/** A run's state as plain lines, one fact per line, for a job log. */
final class RunLines {
  private RunLines() {}

  static void print(JsonNode state, Connection connection, PrintStream raw) {
    // Plans and steps write these texts: no control character of theirs reaches a terminal or a log.
    Lines out = new Lines(raw);
    String id = state.path("id").asText();
    out.println("run        " + id + "  " + state.path("plan").asText() + " " + state.path("releaseCandidate").asText()
        + " on " + state.path("environment").asText());
    out.println("status     " + state.path("status").asText());
    out.println("phase      " + phase(state));
    out.println("readiness  " + state.path("readiness").asText("-"));
    for (JsonNode step : state.path("steps")) {
      String summary = step.path("summary").asText("");
      out.println("step       " + phase(step) + "/" + step.path("name").asText() + "  "
          + step.path("status").asText() + (summary.isBlank() ? "" : "  " + summary));
    }
    for (JsonNode gate : state.path("gates")) {
      out.println("gate       " + gate.path("name").asText() + "  " + gate.path("verdict").asText()
          + (gate.path("value").isNumber() ? "  " + gate.path("value").asText() : ""));
    }
    whereToLook(id, connection, raw);
  }

  private record Lines(PrintStream out) {
    void println(String line) {
      out.println(LogText.oneLine(line));
    }
  }

  /** The run's console page and its report. */
  static void whereToLook(String id, Connection connection, PrintStream out) {
    out.println("page       " + connection.runPage(id));
    out.println("report     " + connection.url() + "/api/v1/rehearsals/" + id + "/report");
  }

  /** The phase as plans spell it ({@code smoke}), not as the state's enum name. */
  private static String phase(JsonNode node) {
    return node.path("phase").asText("-").toLowerCase(java.util.Locale.ROOT);
  }
}
