package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.ManualSpec;
import dev.rehearsal.plan.StepBody;
import dev.rehearsal.workflows.steps.ManualWaits;
import dev.rehearsal.workflows.steps.StepFailed;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.workflows.steps.StepRun;
import dev.rehearsal.workflows.steps.StepSkipped;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The run's manual steps, owned by the workflow: the step waiting for a person (at most one, since steps run one at a
 * time), the completions taken, and the rules a completion must pass. The wait is a durable timer plus the update that
 * completes it, so a worker restart loses nothing and no activity sits waiting.
 */
final class ManualSteps implements ManualWaits {
  /** Runs recorded before this change failed a retried manual step at once with the person's earlier report. */
  static final String RETRY_WAITS_AGAIN = "manual-retry-waits-again";
  private final List<StepState> steps;
  private final Consumer<WaitingFor> waitingFor;
  private final Function<String, Optional<StepBody>> plannedBody;
  private final String initiator;
  private final HandedOutputs handed;
  private final Map<String, ManualCompletionRecord> completions = new HashMap<>();
  private String waitingStep;
  private ManualSpec waitingSpec;

  /**
   * @param steps the workflow's step states, which a waiting step changes
   * @param waitingFor sets what the run says it waits for
   * @param plannedBody the planned body of a step by its display name
   * @param handed the outputs handed on in the run, which a completion adds to
   */
  ManualSteps(List<StepState> steps, Consumer<WaitingFor> waitingFor, Function<String, Optional<StepBody>> plannedBody,
      String initiator, HandedOutputs handed) {
    this.steps = steps;
    this.waitingFor = waitingFor;
    this.plannedBody = plannedBody;
    this.initiator = initiator;
    this.handed = handed;
  }

  @Override
  public StepResult await(StepRun step, ManualSpec spec) {
    int index = indexOf(step.name());
    if (completions.containsKey(step.name())
        && Workflow.getVersion(RETRY_WAITS_AGAIN, Workflow.DEFAULT_VERSION, 1) == 1) {
      // A retry after a reported failure asks the person again; the earlier report stays in the history's timeline.
      completions.remove(step.name());
    }
    steps.set(index, steps.get(index).waiting());
    waitingStep = step.name();
    waitingSpec = spec;
    Duration timeout = spec.waitDuration();
    Instant since = now();
    waitingFor.accept(WaitingFor.manual(step.name(), since, since.plus(timeout), spec));
    TimerOptions named = TimerOptions.newBuilder().setSummary(RehearsalWorkflow.MANUAL_TIMER_SUMMARY + step.name()).build();
    @SuppressWarnings("unchecked")
    Promise<Void>[] timer = new Promise[1];
    CancellationScope timerScope = Workflow.newCancellationScope(() -> timer[0] = Workflow.newTimer(timeout, named));
    timerScope.run();
    try {
      Workflow.await(() -> completions.containsKey(step.name()) || timer[0].isCompleted());
    } finally {
      waitingStep = null;
      waitingSpec = null;
      waitingFor.accept(null);
    }
    ManualCompletionRecord done = completions.get(step.name());
    if (done == null) {
      return timedOut(step, spec);
    }
    timerScope.cancel();
    StepResult result = new StepResult(done.summary(), done.attachments(), 1, List.of(), ManualOutputs.of(done));
    if (done.outcome() == CompletionOutcome.FAILED) {
      // A report of failure is handed on too (its outcome says FAILED): rollback steps may want to quote it.
      handed.record(step.spec(), result);
      throw new StepFailed(result);
    }
    return result;
  }

  private StepResult timedOut(StepRun step, ManualSpec spec) {
    String waited = "nobody completed it within " + (spec.timeout() == null ? ManualSpec.DEFAULT_TIMEOUT : spec.timeout());
    if (spec.onTimeoutOrDefault() == ManualSpec.OnTimeout.fail) {
      throw new StepFailed(new StepResult(waited + " (onTimeout: fail)", List.of(), 1));
    }
    // Unchecked is not the same as checked: approvers must waive it in writing, and readiness can never be PASS.
    step.gates().add(new GateState(step.name() + ".unconfirmed", GateVerdict.INCONCLUSIVE, null, Map.of(), null,
        "manual step " + step.name() + " was skipped: " + waited));
    throw new StepSkipped(waited + "; skipped (onTimeout: skip), a gate to waive at sign-off");
  }

  /** Why a completion would be refused, checked in the update's validator and before attachments are stored. */
  CompletionCheck check(ManualCompletion request) {
    Optional<StepBody> body = plannedBody.apply(request.step());
    if (body.isEmpty() || !(body.get() instanceof ManualSpec planned)) {
      return refused(RefusalReason.NOT_MANUAL_STEP, body.isEmpty() ? "the run has no step named " + request.step()
          : "step " + request.step() + " is not a manual step; only manual steps are completed by people");
    }
    if (completions.containsKey(request.step())) {
      ManualCompletionRecord done = completions.get(request.step());
      return refused(RefusalReason.ALREADY_COMPLETED, "step " + request.step() + " was already completed by "
          + done.actor() + " at " + done.at());
    }
    if (!request.step().equals(waitingStep)) {
      return refused(RefusalReason.NOT_WAITING, "step " + request.step() + " is " + statusOf(request.step())
          + ", not waiting for completion");
    }
    ManualSpec spec = waitingSpec == null ? planned : waitingSpec;
    ManualSpec.By by = spec.byOrDefault();
    if (!by.admits(request.roles(), request.groups())) {
      return refused(RefusalReason.NOT_PERMITTED, request.actor() + " may not complete step " + request.step()
          + ": it needs " + (by.role() != null ? "the role " + by.role() : "membership of group " + by.group()));
    }
    if (request.actor().equals(initiator) && !spec.initiatorMayCompleteOrDefault()) {
      return refused(RefusalReason.INITIATOR_MAY_NOT_COMPLETE, request.actor() + " started this run, and the plan says"
          + " its initiator may not complete step " + request.step() + " (initiatorMayComplete: false)");
    }
    if (request.outcome() == null) {
      return refused(RefusalReason.INCOMPLETE_COMPLETION, "outcome must be CONFIRMED or FAILED");
    }
    if (spec.requiresOrDefault().needsNote() && !request.hasNote()) {
      return refused(RefusalReason.INCOMPLETE_COMPLETION, "step " + request.step() + " requires a note");
    }
    // Evidence is what confirms a check; a person reporting it failed need not attach a screenshot of nothing.
    if (spec.requiresOrDefault().needsAttachment() && request.outcome() == CompletionOutcome.CONFIRMED
        && request.attachments().isEmpty()) {
      return refused(RefusalReason.INCOMPLETE_COMPLETION, "step " + request.step() + " requires an attachment to confirm it");
    }
    return CompletionCheck.TAKEN;
  }

  ManualCompletionRecord complete(ManualCompletion request) {
    ManualCompletionRecord done = new ManualCompletionRecord(request.actor(), request.outcome(), request.note(),
        request.attachments(), now());
    completions.put(request.step(), done);
    return done;
  }

  /** The step states as watchers see them: a completed manual step shows who completed it and what it handed on. */
  List<StepState> shown(List<StepState> states) {
    return states.stream().map(s -> completions.containsKey(s.name())
        ? s.withOutputs(ManualOutputs.of(completions.get(s.name()))).withCompletion(completions.get(s.name())) : s)
        .toList();
  }

  private String statusOf(String step) {
    return steps.stream().filter(s -> s.name().equals(step)).map(s -> s.status().name()).findFirst().orElse("unknown");
  }

  private int indexOf(String step) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).name().equals(step)) {
        return i;
      }
    }
    throw new IllegalStateException("no planned step " + step);
  }

  private static CompletionCheck refused(RefusalReason reason, String message) {
    return new CompletionCheck(reason.type(), message);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
