package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What happened between two consecutive states of a run ({@code GET /api/v1/rehearsals/{id}}), as plain lines: steps
 * started, retried, finished or skipped, gate verdicts, phase changes, waits for a person, and how the run ended. The
 * server keeps no event list, so events are what changed between polls; a step seen only once it ended still reads
 * "started" then "finished", so a log always tells each step the same way. What two polls cannot show is inferred
 * from the state where it can be: attempts that rose by more than one, a new start after a decision (a new
 * {@code startedAt}). Each event carries its own time where the state has it (a step's start or end, a wait's start).
 */
final class RunEvents {
  /** One line, and when it happened if the state says ({@code at} null otherwise). */
  record Event(Instant at, String line) {}

  private static final String LAST_ERROR = ", last error: ";
  private static final String IN_PROGRESS = "in progress: ";
  private static final int SUMMARY_MAX = 300;

  private RunEvents() {}

  /** The event lines from {@code before} (null: nothing seen yet) to {@code now}, in the order a reader expects. */
  static List<Event> between(JsonNode before, JsonNode now) {
    JsonNode previous = before == null ? MissingNode.getInstance() : before;
    List<Event> lines = new ArrayList<>();
    // A phase is told as its first step starts, so that a poll spanning two phases still reads in order.
    String told = lower(previous.path("phase"));
    for (JsonNode step : now.path("steps")) {
      String phase = lower(step.path("phase"));
      List<Event> stepLines = new ArrayList<>();
      if (step(find(previous.path("steps"), step.path("name").asText()), step, stepLines) && !phase.equals(told)) {
        lines.add(new Event(instant(step.path("startedAt")), "phase " + phase));
        told = phase;
      }
      lines.addAll(stepLines);
    }
    for (JsonNode gate : now.path("gates")) {
      JsonNode was = find(previous.path("gates"), gate.path("name").asText());
      if (!gate.path("verdict").asText().equals(was.path("verdict").asText()) || !gate.path("value").equals(was.path("value"))) {
        lines.add(new Event(null, gate(gate)));
      }
    }
    String phase = lower(now.path("phase"));
    if (!phase.isEmpty() && !phase.equals(told) && !phase.equals(lower(previous.path("phase")))) {
      lines.add(new Event(null, "phase " + phase));
    }
    JsonNode waiting = now.path("waitingFor");
    if (waiting.isObject() && !sameWait(waiting, previous.path("waitingFor"))) {
      lines.add(new Event(instant(waiting.path("since")), personWait(waiting)));
    }
    String status = now.path("status").asText();
    if (!status.equals(previous.path("status").asText())) {
      if (status.equals("AWAITING_APPROVAL")) {
        lines.add(new Event(null, signoff(now)));
      } else if (!status.equals("RUNNING")) {
        lines.add(new Event(instant(now.path("finishedAt")), ending(now)));
      }
    }
    return lines;
  }

  /** What a running step last reported of its progress (a load's rate, a dump's bytes), when it reports any. */
  static Optional<String> progress(JsonNode now) {
    for (JsonNode step : now.path("steps")) {
      String summary = step.path("summary").asText("");
      if (step.path("status").asText().equals("RUNNING") && summary.startsWith(IN_PROGRESS)) {
        return Optional.of("step " + step.path("name").asText() + " " + figures(summary.substring(IN_PROGRESS.length())));
      }
    }
    return Optional.empty();
  }

  /** Adds the step's event lines; true when it started (again) since {@code was}. */
  private static boolean step(JsonNode was, JsonNode step, List<Event> lines) {
    String name = "step " + step.path("name").asText();
    String status = effectiveStatus(step);
    String before = was.isMissingNode() ? "PENDING" : effectiveStatus(was);
    // A new start since the last poll (a retry after a decision) leaves a new startedAt, even if it has failed again.
    boolean restarted = !before.equals("PENDING") && was.path("startedAt").isTextual() && step.path("startedAt").isTextual()
        && !was.path("startedAt").equals(step.path("startedAt"));
    if (status.equals(before) && !status.equals("RUNNING") && !restarted) {
      return false;
    }
    int attempts = Math.max(1, step.path("attempts").asInt());
    if (status.equals("SKIPPED")) {
      lines.add(new Event(instant(step.path("finishedAt")), name + " skipped" + summary(step)));
      return false;
    }
    // Its first attempt, even when a poll first sees a later one: the retries are told next, each with its error.
    boolean started = before.equals("PENDING") && !status.equals("PENDING");
    boolean again = restarted || (before.equals("FAILED") && !status.equals("PENDING"));
    if (started || again) {
      lines.add(new Event(instant(step.path("startedAt")), name + (again ? " started again after a decision" : " started (attempt 1)")));
    }
    String summary = step.path("summary").asText("");
    int wasAttempts = was.path("status").asText().equals("RUNNING") && !again ? Math.max(1, was.path("attempts").asInt()) : 1;
    if (status.equals("RUNNING") && attempts > wasAttempts && summary.contains(LAST_ERROR)) {
      // Retries between two polls are counted; only the last error is known.
      String times = attempts - wasAttempts > 1 ? " \u00d7" + (attempts - wasAttempts) : "";
      lines.add(new Event(null, name + " retried" + times + " (attempt " + attempts + "): "
          + oneLine(summary.substring(summary.indexOf(LAST_ERROR) + LAST_ERROR.length()))));
    }
    if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
      lines.add(new Event(instant(step.path("finishedAt")), name + " finished " + status + " in " + duration(step)
          + (attempts > 1 ? " after " + attempts + " attempts" : "") + summary(step)));
    }
    return started || again;
  }

  private static Instant instant(JsonNode time) {
    try {
      return time.isTextual() ? Instant.parse(time.asText()) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A step waiting for a decision after it failed reads as FAILED: it has finished, and failed. */
  private static String effectiveStatus(JsonNode step) {
    String status = step.path("status").asText();
    return status.equals("WAITING") && step.path("finishedAt").isTextual() ? "FAILED" : status;
  }

  private static String gate(JsonNode gate) {
    StringBuilder line = new StringBuilder("gate ").append(gate.path("name").asText()).append(' ')
        .append(gate.path("verdict").asText())
        .append(gate.path("value").isNumber() ? " measured " + number(gate.path("value")) : " measured nothing");
    List<String> thresholds = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = gate.path("thresholds").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> threshold = it.next();
      thresholds.add(threshold.getKey() + " " + number(threshold.getValue()));
    }
    if (!thresholds.isEmpty()) {
      line.append(" vs ").append(String.join(", ", thresholds));
    }
    if (gate.path("baseline").isNumber()) {
      line.append(", baseline ").append(number(gate.path("baseline")));
    }
    String note = gate.path("note").asText("");
    return line.append(note.isBlank() ? "" : " (" + oneLine(note) + ")").toString();
  }

  private static boolean sameWait(JsonNode a, JsonNode b) {
    return a.path("kind").equals(b.path("kind")) && a.path("step").equals(b.path("step")) && a.path("since").equals(b.path("since"));
  }

  private static String personWait(JsonNode waiting) {
    String what = waiting.path("kind").asText().equals("decision")
        ? "a decision on failed step " + waiting.path("step").asText() + " (retry, skip, rollback or abort)"
        : "manual step " + waiting.path("step").asText() + " to be completed";
    return "waiting for " + waiting.path("who").asText("someone") + ": " + what
        + (waiting.path("until").isTextual() ? ", until " + waiting.path("until").asText() : "");
  }

  private static String signoff(JsonNode state) {
    JsonNode approvals = state.path("approvals");
    List<String> who = new ArrayList<>();
    for (JsonNode rule : approvals.path("open")) {
      who.add(rule.path("rule").asText() + " (" + rule.path("needed").asInt() + " more)");
    }
    if (who.isEmpty()) {
      who.add(approvals.path("required").asInt(1) + " approver(s)");
    }
    return "waiting for sign-off by " + String.join(", ", who) + ": readiness " + state.path("readiness").asText("-")
        + (approvals.path("timeout").isTextual() ? ", timeout " + approvals.path("timeout").asText() : "");
  }

  private static String ending(JsonNode state) {
    JsonNode cancellation = state.path("cancellation");
    String why = cancellation.isObject()
        ? " by " + cancellation.path("actor").asText() + ": " + oneLine(cancellation.path("reason").asText())
        : "";
    return "run " + state.path("status").asText() + why + ", readiness " + state.path("readiness").asText("-");
  }

  private static String summary(JsonNode step) {
    String summary = step.path("summary").asText("");
    return summary.isBlank() ? "" : ": " + oneLine(summary);
  }

  /** Progress as its figures ({@code {"sent": 600, ...}} reads {@code sent 600, ...}); anything else as it is. */
  private static String figures(String json) {
    // Not JSON after all (parsed as an empty object): shown as the server wrote it.
    JsonNode node = Json.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (node.isObject() && !node.isEmpty()) {
      List<String> figures = new ArrayList<>();
      node.fields().forEachRemaining(f -> figures.add(f.getKey() + " " + (f.getValue().isNumber() ? number(f.getValue()) : f.getValue().asText())));
      return String.join(", ", figures);
    }
    return oneLine(json);
  }

  private static String duration(JsonNode step) {
    try {
      Duration took = Duration.between(Instant.parse(step.path("startedAt").asText()), Instant.parse(step.path("finishedAt").asText()));
      long seconds = took.toSeconds();
      if (seconds < 60) {
        return String.format(Locale.ROOT, "%.1fs", took.toMillis() / 1000.0);
      }
      return seconds < 3600 ? (seconds / 60) + "m" + String.format(Locale.ROOT, "%02ds", seconds % 60)
          : (seconds / 3600) + "h" + String.format(Locale.ROOT, "%02dm", seconds % 3600 / 60);
    } catch (DateTimeParseException e) {
      return "?";
    }
  }

  private static String number(JsonNode value) {
    return java.math.BigDecimal.valueOf(value.asDouble()).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  private static String oneLine(String text) {
    String line = LogText.oneLine(text).strip();
    return line.length() > SUMMARY_MAX ? line.substring(0, SUMMARY_MAX) + "..." : line;
  }

  private static String lower(JsonNode node) {
    return node.asText("").toLowerCase(Locale.ROOT);
  }

  private static JsonNode find(JsonNode array, String name) {
    for (JsonNode item : array) {
      if (item.path("name").asText().equals(name)) {
        return item;
      }
    }
    return MissingNode.getInstance();
  }
}
