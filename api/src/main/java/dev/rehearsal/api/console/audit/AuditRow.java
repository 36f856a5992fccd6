package dev.rehearsal.api.console.audit;

import dev.rehearsal.api.console.Badge;
import dev.rehearsal.api.console.ConsoleTime;
import dev.rehearsal.api.rehearsals.RunSummary;

/** One run on the audit page, with its printable report. */
public record AuditRow(String id, String runPath, String reportPath, String plan, String environment,
    String releaseCandidate, String initiator, String startedAt, Badge status) {

  static AuditRow of(RunSummary run) {
    return new AuditRow(run.id(), "/runs/" + run.id(), "/runs/" + run.id() + "/report", run.plan(), run.environment(),
        run.releaseCandidate(), run.initiator(), ConsoleTime.at(run.startedAt()), Badge.of(run.status()));
  }
}
