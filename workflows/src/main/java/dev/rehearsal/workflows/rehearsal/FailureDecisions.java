package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.Durations;
import dev.rehearsal.plan.OnDecisionTimeout;
import dev.rehearsal.plan.OnFailure;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.plan.StepSpec;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Guided failure ({@code onFailure: ask}), owned by the rehearsal workflow: waits for an ENGINEER's decision on a step
 * that failed after its retries, or for the plan's {@code failureDecisionTimeout}, and keeps every decision and
 * refused attempt for the run's state.
 */
public final class FailureDecisions {
  /** The {@code Workflow.getVersion} change id: runs recorded before guided failure never ask. */
  static final String CHANGE_ID = "guided-failure";
  static final String DEFAULT_TIMEOUT = "24h";
  static final String ENGINEER_ROLE = "ENGINEER";
  /** The timer's summary, which the domain timeline reads to tell a decision wait from the sign-off wait. */
  public static final String TIMER_SUMMARY_PREFIX = "failure decision: ";

  private final List<FailureDecisionRecord> decisions = new ArrayList<>();
  private final List<RefusedFailureDecisionRecord> refused = new ArrayList<>();
  /** The step that waits for a decision right now; null when none does. */
  private String waitingStep;
  /** The decision taken for {@link #waitingStep}, until the run acts on it. */
  private FailureDecisionRecord chosen;

  /** The step's own {@code onFailure} wins over the plan's; without either a failure fails the run, as it always did. */
  static boolean asks(Plan plan, StepSpec step) {
    OnFailure own = step.onFailure() != null ? step.onFailure() : plan.onFailure();
    return own == OnFailure.ask && Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  /** How long a failed step waits for a decision before the plan's outcome applies. */
  static Duration timeout(Plan plan) {
    return Durations.parse(plan.failureDecisionTimeout() == null ? DEFAULT_TIMEOUT : plan.failureDecisionTimeout());
  }

  /**
   * Waits for a decision on {@code step}; the plan's timeout outcome when nobody decides in time; null when the run
   * is cancelled meanwhile.
   */
  FailureDecisionRecord await(String step, Plan plan, BooleanSupplier cancelled) {
    waitingStep = step;
    chosen = null;
    Duration timeout = timeout(plan);
    try {
      List<Promise<Void>> timer = new ArrayList<>();
      // A scope of its own, so a decision cancels the timer instead of leaving it to fire later in the run.
      CancellationScope timerScope = Workflow.newCancellationScope(() -> {
        timer.add(Workflow.newTimer(timeout, TimerOptions.newBuilder().setSummary(TIMER_SUMMARY_PREFIX + step).build()));
      });
      timerScope.run();
      Workflow.await(() -> chosen != null || cancelled.getAsBoolean() || timer.get(0).isCompleted());
      timerScope.cancel();
    } catch (CanceledFailure cancel) {
      // The run was cancelled while it waited: the cancellation decides.
    } finally {
      waitingStep = null;
    }
    FailureDecisionRecord decision = chosen;
    chosen = null;
    if (decision != null || cancelled.getAsBoolean()) {
      return decision;
    }
    FailureAction outcome = plan.onDecisionTimeout() == OnDecisionTimeout.abort ? FailureAction.ABORT : FailureAction.ROLLBACK;
    FailureDecisionRecord timedOut = new FailureDecisionRecord(step, outcome, null,
        "nobody decided within " + timeout + "; the plan says " + outcome.wire(), now(), true);
    decisions.add(timedOut);
    return timedOut;
  }

  /** Refuses a decision without touching history; {@code running} is false once the run ended or is being cancelled. */
  void validate(FailureDecisionRequest request, boolean running) {
    if (!request.roles().contains(ENGINEER_ROLE)) {
      throw ApprovalRefusals.refusal(RefusalReason.NOT_ENGINEER, request.actor() + " does not hold the ENGINEER role");
    }
    if (chosen != null) {
      throw ApprovalRefusals.refusal(RefusalReason.ALREADY_DECIDED, chosen.actor() + " already decided "
          + chosen.action().wire() + " on step " + chosen.step());
    }
    if (waitingStep == null || !running) {
      throw ApprovalRefusals.refusal(RefusalReason.NOT_WAITING_FOR_DECISION, "no failed step waits for a decision");
    }
    if (!waitingStep.equals(request.step())) {
      throw ApprovalRefusals.refusal(RefusalReason.NOT_WAITING, "step " + request.step()
          + " does not wait for a decision; step " + waitingStep + " does");
    }
    if (request.action() == null) {
      throw ApprovalRefusals.refusal(RefusalReason.INVALID_DECISION, "action must be retry, skip, rollback or abort");
    }
    if (request.action() == FailureAction.SKIP && (request.reason() == null || request.reason().isBlank())) {
      throw ApprovalRefusals.refusal(RefusalReason.INVALID_DECISION, "skipping a failed step needs a reason saying why");
    }
  }

  FailureDecisionRecord decide(FailureDecisionRequest request) {
    chosen = new FailureDecisionRecord(request.step(), request.action(), request.actor(), request.reason(), now(), false);
    decisions.add(chosen);
    return chosen;
  }

  /** Kept unless the run already keeps as many refusals as {@link RefusalCap} allows ({@code approvals} are the others). */
  void recordRefused(RefusedFailureDecision refusal, int approvals) {
    if (RefusalCap.room(approvals, refused.size())) {
      refused.add(new RefusedFailureDecisionRecord(refusal.actor(), refusal.step(), refusal.action(), refusal.reason(), now()));
    }
  }

  int refusedCount() {
    return refused.size();
  }

  /** Null when nothing was decided or refused, so runs without guided failure keep the state they always had. */
  FailureDecisionsState state() {
    return decisions.isEmpty() && refused.isEmpty() ? null : new FailureDecisionsState(decisions, refused);
  }

  /** The failed step as watchers see it while it waits. */
  static StepState waiting(StepState failed) {
    return new StepState(failed.name(), failed.kind(), failed.phase(), StepStatus.WAITING, failed.attempts(),
        failed.startedAt(), failed.finishedAt(), failed.verdict(), failed.summary(), failed.evidence(), failed.outputs());
  }

  /** The failed step once skipped: its attempts and evidence stay, the summary says who skipped it and why. */
  static StepState skipped(StepState failed, FailureDecisionRecord decision) {
    return new StepState(failed.name(), failed.kind(), failed.phase(), StepStatus.SKIPPED, failed.attempts(),
        failed.startedAt(), failed.finishedAt(), null, "skipped by " + decision.actor() + " after it failed: "
        + decision.reason() + " (it failed: " + failed.summary() + ")", failed.evidence(), failed.outputs());
  }

  /** The gate a skip leaves: WARN, so readiness is never PASS and an approver must waive it to sign off. */
  static GateState skipGate(FailureDecisionRecord decision) {
    return new GateState(decision.step() + ".skipped", GateVerdict.WARN, null, Map.of(), null,
        "step " + decision.step() + " failed and was skipped by " + decision.actor() + ": " + decision.reason());
  }

  /** An abort ends the run as a cancellation by whoever decided it (by nobody when the timeout did). */
  static CancelRecord abort(FailureDecisionRecord decision) {
    return new CancelRecord(decision.actor(), "aborted after step " + decision.step() + " failed"
        + (decision.reason() == null || decision.reason().isBlank() ? "" : ": " + decision.reason()), decision.at());
  }

  /** The failed step about to be tried afresh: its attempts count from zero until the retry ends. */
  static StepState retrying(StepState failed) {
    return withEarlierAttempts(failed, -failed.attempts());
  }

  /** The same step with the attempts of earlier tries added, so a retried step shows every attempt it took. */
  static StepState withEarlierAttempts(StepState step, int earlier) {
    return new StepState(step.name(), step.kind(), step.phase(), step.status(), step.attempts() + earlier,
        step.startedAt(), step.finishedAt(), step.verdict(), step.summary(), step.evidence(), step.outputs());
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
