package dev.rehearsal.api.console.runs;

import dev.rehearsal.api.console.Badge;
import dev.rehearsal.api.console.ConsoleTime;
import dev.rehearsal.api.rehearsals.RunSummary;

/** One run in the console's list, linking to its page. */
public record RunRow(String id, String path, String plan, String environment, String releaseCandidate, String initiator,
    String startedAt, Badge status, String approvers) {

  static RunRow of(RunSummary run) {
    return new RunRow(run.id(), "/runs/" + run.id(), run.plan(), run.environment(), run.releaseCandidate(), run.initiator(),
        ConsoleTime.at(run.startedAt()), Badge.of(run.status()), run.approvers() == null ? "" : String.join(", ", run.approvers()));
  }
}
