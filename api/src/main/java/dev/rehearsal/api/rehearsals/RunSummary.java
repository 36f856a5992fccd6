package dev.rehearsal.api.rehearsals;

import dev.rehearsal.workflows.rehearsal.ApprovalRecord;
import dev.rehearsal.workflows.rehearsal.ReadinessVerdict;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import java.time.Instant;
import java.util.List;

/**
 * One run in the list. In the index, {@code status}, {@code finishedAt} and {@code approvers} (everyone who approved
 * or rejected) stay null until the run is seen closed; {@code readiness} is null until the run has said it (index
 * lines written before it was listed lack it too).
 */
public record RunSummary(String id, String plan, String environment, String releaseCandidate, String initiator,
    Instant startedAt, RunStatus status, Instant finishedAt, List<String> approvers, ReadinessVerdict readiness) {

  public RunSummary(String id, String plan, String environment, String releaseCandidate, String initiator,
      Instant startedAt, RunStatus status, Instant finishedAt, List<String> approvers) {
    this(id, plan, environment, releaseCandidate, initiator, startedAt, status, finishedAt, approvers, null);
  }

  static RunSummary started(String id, String plan, String environment, String releaseCandidate, String initiator, Instant at) {
    return new RunSummary(id, plan, environment, releaseCandidate, initiator, at, null, null, null);
  }

  /** The summary of a run as it stands in {@code state}. */
  static RunSummary of(RehearsalState state) {
    List<String> approvers = state.approvals() == null ? List.of()
        : state.approvals().decisions().stream().map(ApprovalRecord::actor).distinct().toList();
    return new RunSummary(state.id(), state.plan(), state.environment(), state.releaseCandidate(), state.initiator(),
        state.startedAt(), state.status(), state.finishedAt(), approvers, state.readiness());
  }

  /**
   * Whether this is the run's last word: closed, with its deciders known (index lines written before approvers were
   * recorded are closed but not final, and get refreshed).
   */
  boolean isFinal() {
    return status != null && approvers != null;
  }
}
