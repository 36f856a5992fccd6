package dev.rehearsal.api.rehearsals;

import dev.rehearsal.api.errors.DecisionRefused;
import dev.rehearsal.api.errors.InvalidRequest;
import dev.rehearsal.api.errors.StepNotFound;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.api.security.Role;
import dev.rehearsal.workflows.rehearsal.ApprovalRefusals;
import dev.rehearsal.workflows.rehearsal.FailureAction;
import dev.rehearsal.workflows.rehearsal.FailureDecisionRecord;
import dev.rehearsal.workflows.rehearsal.FailureDecisionRequest;
import dev.rehearsal.workflows.rehearsal.RefusalReason;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import org.springframework.stereotype.Service;

/**
 * Decisions on a failed step that waits for one ({@code onFailure: ask}), by update. Like sign-off, a refused decision
 * is recorded by the {@link RefusalRecorder}: in the run while it is open (up to a cap), otherwise in the refusal log.
 */
@Service
public class StepDecisions {
  private final WorkflowClient client;
  private final RehearsalService rehearsals;
  private final RefusalRecorder refusals;
  private final MeterRegistry meters;

  public StepDecisions(WorkflowClient client, RehearsalService rehearsals, RefusalRecorder refusals, MeterRegistry meters) {
    this.client = client;
    this.rehearsals = rehearsals;
    this.refusals = refusals;
    this.meters = meters;
  }

  /** A step the run does not have is 404 with nothing recorded, as for completions; it counts against the caller's rate. */
  public FailureDecisionRecord decide(RehearsalUser user, String id, String step, StepDecisionBody body) {
    refusals.checkRate(user, id);
    FailureAction action = FailureAction.of(body == null ? null : body.action())
        .orElseThrow(() -> new InvalidRequest("action must be retry, skip, rollback or abort"));
    String reason = body.reason();
    RunDecisions.requireText("reason", reason);
    try {
      RunSteps.require(rehearsals, id, step);
    } catch (StepNotFound unknown) {
      refusals.unrecorded(user, id);
      throw unknown;
    }
    boolean open = rehearsals.isOpen(id);
    if (!user.has(Role.ENGINEER)) {
      throw refused(id, open, user, step, action, RefusalReason.NOT_ENGINEER, user.name() + " does not hold the ENGINEER role");
    }
    if (!open) {
      throw closed(id, user, step, action);
    }
    try {
      return stub(id).decideFailure(new FailureDecisionRequest(user.name(), user.roleNames(), step, action, reason));
    } catch (WorkflowNotFoundException closedMeanwhile) {
      throw closed(id, user, step, action);
    } catch (WorkflowUpdateException e) {
      ApprovalRefusals.Refusal refusal = ApprovalRefusals.of(e).orElse(null);
      if (refusal == null) {
        // Not the validator: the run closed while the update was on its way.
        if (!rehearsals.isOpen(id)) {
          throw closed(id, user, step, action);
        }
        throw new IllegalStateException("failed-step decision update failed unexpectedly", e);
      }
      throw refused(id, true, user, step, action, refusal.reason(), refusal.message());
    }
  }

  private DecisionRefused closed(String id, RehearsalUser user, String step, FailureAction action) {
    return refused(id, false, user, step, action, RefusalReason.NOT_WAITING_FOR_DECISION,
        "the run is closed; no failed step waits for a decision");
  }

  /** Records the refusal (in the run's history while it is open, else in the refusal log) and says why to the caller. */
  private DecisionRefused refused(String id, boolean open, RehearsalUser user, String step, FailureAction action,
      RefusalReason reason, String message) {
    meters.counter("rehearsal.failure_decisions.refused").increment();
    refusals.failureDecision(id, open, user, step, action.wire(), message);
    return new DecisionRefused(reason, message);
  }

  private RehearsalWorkflow stub(String id) {
    return client.newWorkflowStub(RehearsalWorkflow.class, id);
  }
}
