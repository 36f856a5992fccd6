package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a watcher sees of a run; also the workflow's result. {@code readiness} is PASS, WARN, FAIL or
 * NOT_ASSESSED (no gates), with the plan's estimate for it; {@code evidenceDigest} is what an approval may quote to
 * prove which evidence its approver reviewed; {@code waitingFor} says what a running run waits for from a person
 * (null when nothing); {@code failureDecisions} the decisions on failed steps ({@code onFailure: ask}), left out when none.
 */
public record RehearsalState(
    String id,
    String plan,
    String environment,
    String releaseCandidate,
    String initiator,
    Map<String, String> parameters,
    RunStatus status,
    Phase phase,
    Instant startedAt,
    Instant finishedAt,
    List<StepState> steps,
    List<GateState> gates,
    Approvals approvals,
    ReadinessVerdict readiness,
    String readinessEstimate,
    String evidenceDigest,
    CancelRecord cancellation,
    WaitingFor waitingFor,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    FailureDecisionsState failureDecisions) {

  public RehearsalState withSteps(List<StepState> newSteps) {
    return new RehearsalState(id, plan, environment, releaseCandidate, initiator, parameters, status, phase, startedAt,
        finishedAt, List.copyOf(newSteps), gates, approvals, readiness, readinessEstimate, evidenceDigest, cancellation, waitingFor,
        failureDecisions);
  }

  /** The state with refusals recorded outside the run (after it closed, or beyond {@link RefusalCap}), when there are any. */
  public RehearsalState withRefusedApprovalsFromLog(List<RefusedApprovalRecord> late) {
    if (late.isEmpty() || approvals == null) {
      return this;
    }
    List<RefusedApprovalRecord> refused = new java.util.ArrayList<>(approvals.refused());
    refused.addAll(late);
    return new RehearsalState(id, plan, environment, releaseCandidate, initiator, parameters, status, phase, startedAt,
        finishedAt, steps, gates, approvals.withRefused(List.copyOf(refused)), readiness, readinessEstimate, evidenceDigest,
        cancellation, waitingFor, failureDecisions);
  }

  /** The state with refused decisions on failed steps recorded outside the run, when there are any. */
  public RehearsalState withRefusedFailureDecisionsFromLog(List<RefusedFailureDecisionRecord> late) {
    if (late.isEmpty()) {
      return this;
    }
    List<FailureDecisionRecord> taken = failureDecisions == null ? List.of() : failureDecisions.decisions();
    List<RefusedFailureDecisionRecord> refused = new java.util.ArrayList<>(failureDecisions == null ? List.of() : failureDecisions.refused());
    refused.addAll(late);
    return new RehearsalState(id, plan, environment, releaseCandidate, initiator, parameters, status, phase, startedAt,
        finishedAt, steps, gates, approvals, readiness, readinessEstimate, evidenceDigest, cancellation, waitingFor,
        new FailureDecisionsState(taken, refused));
  }

  public RehearsalState withStatus(RunStatus newStatus) {
    return new RehearsalState(id, plan, environment, releaseCandidate, initiator, parameters, newStatus, phase, startedAt,
        finishedAt, steps, gates, approvals, readiness, readinessEstimate, evidenceDigest, cancellation, waitingFor,
        failureDecisions);
  }
}
