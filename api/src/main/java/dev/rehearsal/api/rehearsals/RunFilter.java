package dev.rehearsal.api.rehearsals;

import dev.rehearsal.workflows.rehearsal.RunStatus;
import java.time.Instant;

/**
 * List and export filters; null means "any". {@code from} (inclusive) and {@code to} (exclusive) bound when the run
 * started; {@code approver} matches anyone who approved or rejected it.
 */
public record RunFilter(RunStatus status, String environment, String plan, String releaseCandidate, String initiator,
    String approver, Instant from, Instant to) {

  /** A start refused by the environment's starters: it has a plan, environment, would-be initiator and time, nothing else. */
  boolean matchesRefusedStart(RefusalLog.Entry start) {
    return status == null && releaseCandidate == null && approver == null
        && (environment == null || environment.equals(start.environment()))
        && (plan == null || plan.equals(start.plan()))
        && (initiator == null || initiator.equals(start.actor()))
        && (from == null || !start.at().isBefore(from))
        && (to == null || start.at().isBefore(to));
  }

  boolean matches(RunSummary run) {
    return (environment == null || environment.equals(run.environment()))
        && (plan == null || plan.equals(run.plan()))
        && (releaseCandidate == null || releaseCandidate.equals(run.releaseCandidate()))
        && (initiator == null || initiator.equals(run.initiator()))
        && (from == null || (run.startedAt() != null && !run.startedAt().isBefore(from)))
        && (to == null || (run.startedAt() != null && run.startedAt().isBefore(to)))
        && (status == null || status == run.status())
        && (approver == null || (run.approvers() != null && run.approvers().contains(approver)));
  }
}
