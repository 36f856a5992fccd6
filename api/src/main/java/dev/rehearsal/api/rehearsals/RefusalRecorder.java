package dev.rehearsal.api.rehearsals;

import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.workflows.rehearsal.RefusalCap;
import dev.rehearsal.workflows.rehearsal.RefusedApproval;
import dev.rehearsal.workflows.rehearsal.RefusedFailureDecision;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * Where a refused approval, completion or failed-step decision is recorded for auditors, in bounded form: its free text
 * capped ({@link RefusalText}); in the run's history (by signal) while the run is open and keeps fewer than
 * {@link RefusalCap#KEPT_IN_RUN} refusals; otherwise in the {@link RefusalLog}, which the state, the timeline and the
 * export read too. Each refusal also counts against its caller's {@link RefusalRate} on that run.
 */
@Service
public class RefusalRecorder {
  /** Runs share these locks by hash: counting and signalling one refusal at a time per run keeps the cap exact. */
  private final Object[] locks = new Object[64];
  private final WorkflowClient client;
  private final RefusalLog log;
  private final RefusalRate rate;
  private final Clock clock = Clock.systemUTC();

  public RefusalRecorder(WorkflowClient client, RefusalLog log, RefusalRate rate) {
    this.client = client;
    this.log = log;
    this.rate = rate;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /** {@code TooManyRefusals} (429) when the caller was refused too often on this run lately; asked before anything else. */
  public void checkRate(RehearsalUser user, String id) {
    rate.check(user.name(), id);
  }

  /** An attempt refused without a record (a step the run does not have): it still counts against the caller's rate. */
  void unrecorded(RehearsalUser user, String id) {
    rate.refused(user.name(), id);
  }

  /** A refused approval or completion ({@code decision} {@code APPROVE}, {@code REJECT} or {@code COMPLETE <step> <outcome>}). */
  void approval(String id, boolean open, RehearsalUser user, String decision, String reason) {
    RefusedApproval refusal = new RefusedApproval(user.name(), RefusalText.cap(decision), RefusalText.cap(reason));
    record(id, open, user, () -> stub(id).recordRefusedApproval(refusal),
        new RefusalLog.Entry(id, refusal.actor(), refusal.decision(), refusal.reason(), clock.instant()));
  }

  void failureDecision(String id, boolean open, RehearsalUser user, String step, String action, String reason) {
    RefusedFailureDecision refusal = new RefusedFailureDecision(user.name(), RefusalText.cap(step), action, RefusalText.cap(reason));
    record(id, open, user, () -> stub(id).recordRefusedFailureDecision(refusal),
        new RefusalLog.Entry(id, refusal.actor(), action, refusal.reason(), clock.instant(), refusal.step()));
  }

  private void record(String id, boolean open, RehearsalUser user, Runnable signal, RefusalLog.Entry entry) {
    rate.refused(user.name(), id);
    if (open) {
      synchronized (locks[Math.floorMod(id.hashCode(), locks.length)]) {
        if (roomInRun(id)) {
          try {
            signal.run();
            return;
          } catch (WorkflowNotFoundException closedMeanwhile) {
            // Too late for its history: the log takes it.
          }
        }
      }
    }
    log.append(entry);
  }

  /** Whether the run keeps fewer refusals than the cap; a run that cannot say (no worker answers) gets none more. */
  private boolean roomInRun(String id) {
    try {
      RehearsalState state = stub(id).state();
      int approvals = state.approvals() == null ? 0 : state.approvals().refused().size();
      int decisions = state.failureDecisions() == null ? 0 : state.failureDecisions().refused().size();
      return approvals + decisions < RefusalCap.KEPT_IN_RUN;
    } catch (RuntimeException unanswered) {
      return false;
    }
  }

  private RehearsalWorkflow stub(String id) {
    return client.newWorkflowStub(RehearsalWorkflow.class, id);
  }
}
