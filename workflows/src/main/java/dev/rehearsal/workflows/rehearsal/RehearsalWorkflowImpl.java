package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.Durations;
import dev.rehearsal.plan.Phase;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.plan.RerunSpec;
import dev.rehearsal.plan.StepSpec;
import dev.rehearsal.plan.NotifySpec;
import dev.rehearsal.workflows.archive.ArchiverNotice;
import dev.rehearsal.workflows.notify.PersonWait;
import dev.rehearsal.workflows.postgres.SnapshotRef;
import dev.rehearsal.workflows.steps.EvidenceRef;
import dev.rehearsal.workflows.steps.GatesFailed;
import dev.rehearsal.workflows.steps.StepActivityOptions;
import dev.rehearsal.workflows.steps.StepFailureDetails;
import dev.rehearsal.workflows.steps.StepNotRunnable;
import dev.rehearsal.workflows.steps.StepFailed;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.workflows.steps.StepRun;
import dev.rehearsal.workflows.steps.StepSkipped;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

public class RehearsalWorkflowImpl implements RehearsalWorkflow {
  private static final Logger log = Workflow.getLogger(RehearsalWorkflowImpl.class);
  private static final String APPROVER_ROLE = "APPROVER";

  /** A step as it will run: its display name, phase and spec (steps of a rerun are copies of earlier steps). */
  private record PlannedStep(String name, Phase phase, StepSpec spec) {}

  private RehearsalInput input;
  private Plan plan;
  private SignoffTally signoffTally;
  private final List<PlannedStep> planned = new ArrayList<>();
  private final List<StepState> steps = new ArrayList<>();
  private final List<ApprovalRecord> decisions = new ArrayList<>();
  private final List<RefusedApprovalRecord> refused = new ArrayList<>();
  private final List<GateState> gates = new ArrayList<>();
  /** Snapshots taken so far, by snapshot step name, for the restore steps that read them. */
  private final Map<String, SnapshotRef> snapshots = new HashMap<>();
  private final HandedOutputs outputs = new HandedOutputs();
  private final FailureDecisions failureDecisions = new FailureDecisions();
  private RunStatus status = RunStatus.RUNNING;
  private Phase phase;
  private Instant startedAt;
  private Instant finishedAt;
  private CancelRecord cancellation;
  private WaitingFor waitingFor;
  private CancellationScope phasesScope;
  private WebhookNotifier webhooks;
  private ManualSteps manual;
  private PersonWaitReminders reminders;
  private Instant signoffSince;
  private RunVisibility visibility;

  @Override
  public RehearsalState run(RehearsalInput input) {
    this.input = input;
    this.visibility = RunVisibility.of(input);
    this.plan = input.plan();
    this.signoffTally = new SignoffTally(SignoffRules.of(plan.phases().signoff(), input.policy()), input.policy());
    this.startedAt = now();
    this.webhooks = new WebhookNotifier(plan, input.releaseCandidate());
    reminders = PersonWaitReminders.startIfAsked(plan.phases().signoff(), this::personWait,
        (event, wait, deliver) -> webhooks.notify(event, deliver, status, steps, gates, wait));
    planSteps();
    this.manual = new ManualSteps(steps, waiting -> waitingFor = waiting, name -> planned.stream()
        .filter(p -> p.name().equals(name)).findFirst().map(p -> p.spec().body()), input.initiator(), outputs);
    log.info("rehearsal of plan {} for {} started by {}", plan.name(), input.releaseCandidate(), input.initiator());

    phasesScope = Workflow.newCancellationScope(this::runPhases);
    phasesScope.run();

    if (cancellation != null) {
      finish(RunStatus.CANCELLED);
    } else if (steps.stream().anyMatch(s -> s.status() == StepStatus.FAILED)) {
      finish(RunStatus.FAILED);
    } else {
      awaitSignoff();
    }
    // Last, so that the archiver reads the run as it closes: it waits for this rather than polling.
    ArchiverNotice.runEnded(status, input.archiveKeeper());
    return state();
  }

  private void planSteps() {
    for (Phase p : Phase.values()) {
      for (StepSpec step : plan.steps(p)) {
        if (step.body() instanceof RerunSpec rerun) {
          Phase source = Phase.fromKey(rerun.phase()).orElseThrow();
          for (StepSpec original : plan.steps(source)) {
            planned.add(new PlannedStep(step.name() + ":" + original.name(), p, original));
          }
        } else {
          planned.add(new PlannedStep(step.name(), p, step));
        }
      }
    }
    for (PlannedStep p : planned) {
      steps.add(StepState.pending(p.name(), p.spec().kind().key(), p.phase()));
    }
  }

  /** Runs every step in phase order; after a failure only the rollback phase still runs, since rehearsing it is the point. */
  private void runPhases() {
    boolean failed = false;
    boolean rollbackFailed = false;
    for (int i = 0; i < planned.size(); i++) {
      PlannedStep step = planned.get(i);
      boolean rollback = step.phase() == Phase.ROLLBACK;
      if (cancellation != null) {
        steps.set(i, steps.get(i).skipped("run cancelled"));
      } else if (rollback ? rollbackFailed : failed) {
        steps.set(i, steps.get(i).skipped("an earlier step failed"));
      } else {
        phase = step.phase();
        boolean succeeded = runStep(i, step);
        failed |= !succeeded;
        rollbackFailed |= rollback && !succeeded;
      }
    }
  }

  /** Runs one step; with {@code onFailure: ask} a failure waits for a person's decision. True when the run goes on. */
  private boolean runStep(int index, PlannedStep step) {
    int gatesBefore = gates.size();
    boolean succeeded = attemptStep(index, step);
    while (!succeeded && cancellation == null && FailureDecisions.asks(plan, step.spec())) {
      StepState failed = steps.get(index);
      steps.set(index, FailureDecisions.waiting(failed));
      Instant since = now();
      waitingFor = new WaitingFor(WaitingFor.Kind.DECISION, step.name(), since, FailureDecisions.ENGINEER_ROLE,
          since.plus(FailureDecisions.timeout(plan)));
      FailureDecisionRecord decision = failureDecisions.await(step.name(), plan, () -> cancellation != null);
      waitingFor = null;
      steps.set(index, failed);
      if (decision == null) {
        return false;
      }
      switch (decision.action()) {
        case RETRY -> {
          steps.set(index, FailureDecisions.retrying(failed));
          // A fresh attempt measures afresh: the failed attempt's gates give way to the new ones.
          gates.subList(gatesBefore, gates.size()).clear();
          succeeded = attemptStep(index, step);
          steps.set(index, FailureDecisions.withEarlierAttempts(steps.get(index), failed.attempts()));
        }
        case SKIP -> {
          steps.set(index, FailureDecisions.skipped(failed, decision));
          gates.add(FailureDecisions.skipGate(decision));
          return true;
        }
        case ABORT -> cancellation = FailureDecisions.abort(decision);
        case ROLLBACK -> {
          return false;
        }
      }
    }
    return succeeded;
  }

  /** Runs one step as an activity; true when it succeeded. */
  private boolean attemptStep(int index, PlannedStep step) {
    steps.set(index, steps.get(index).started(now()));
    try {
      StepResult result = runActivity(step);
      steps.set(index, steps.get(index).finished(StepStatus.SUCCEEDED, result.attempt(), now(), result.summary(),
          result.evidence()).withOutputs(outputs.record(step.spec(), result)));
      return true;
    } catch (GatesFailed failed) {
      StepResult result = failed.result();
      steps.set(index, steps.get(index).finished(StepStatus.FAILED, result.attempt(), now(), result.summary(), result.evidence()));
      log.warn("step {} failed its gates: {}", step.name(), result.summary());
      return false;
    } catch (StepFailed failed) {
      StepResult result = failed.result();
      steps.set(index, steps.get(index).finished(StepStatus.FAILED, result.attempt(), now(), result.summary(), result.evidence()));
      return false;
    } catch (StepSkipped skipped) {
      steps.set(index, steps.get(index).skippedAt(now(), skipped.getMessage()));
      return true;
    } catch (StepNotRunnable notRunnable) {
      steps.set(index, steps.get(index).finished(StepStatus.FAILED, 0, now(), notRunnable.getMessage(), List.of()));
      log.warn("step {} cannot run: {}", step.name(), notRunnable.getMessage());
      return false;
    } catch (ActivityFailure | CanceledFailure failure) {
      StepFailureDetails details = FailureText.details(failure);
      int attempts = details != null ? details.attempt() : Math.max(1, steps.get(index).attempts());
      List<EvidenceRef> evidence = details != null ? details.evidence() : List.of();
      steps.set(index, steps.get(index).finished(StepStatus.FAILED, attempts, now(), FailureText.describe(failure), evidence));
      log.warn("step {} failed: {}", step.name(), FailureText.describe(failure));
      return false;
    }
  }

  private StepResult runActivity(PlannedStep step) {
    StepSpec spec = outputs.substitute(step.spec());
    ActivityOptions options = StepActivityOptions.forStep(plan, spec);
    long timeoutMillis = StepActivityOptions.stepTimeout(plan, spec).toMillis();
    return spec.body().execute(new StepRun(step.name(), spec, plan, options, timeoutMillis, snapshots, gates, manual));
  }

  private void awaitSignoff() {
    signoffSince = now();
    status = RunStatus.AWAITING_APPROVAL;
    phase = Phase.SIGNOFF;
    webhooks.notify(NotifySpec.Event.awaitingApproval, false, status, steps, gates);
    visibility.show(this::state);
    boolean decided =
        Workflow.await(
            Durations.parse(signoffTally.timeout()),
            () -> status != RunStatus.AWAITING_APPROVAL || cancellation != null);
    if (cancellation != null && status == RunStatus.AWAITING_APPROVAL) {
      finish(RunStatus.CANCELLED);
    } else if (!decided) {
      if (reminders != null) {
        reminders.signoffTimedOut(personWait());
      }
      finish(RunStatus.TIMED_OUT);
    } else {
      finish(status);
    }
  }

  private PersonWait personWait() {
    return PersonWaits.current(status, cancellation, signoffSince, Durations.parse(signoffTally.timeout()), waitingFor);
  }

  private void finish(RunStatus end) {
    status = end;
    finishedAt = now();
    log.info("rehearsal ended {}", end);
    Map<String, Double> figures = GateState.figures(gates);
    if (end == RunStatus.SUCCEEDED && !figures.isEmpty()) {
      SignedOffBaseline.record(plan, figures);
    }
    if (end == RunStatus.FAILED) {
      webhooks.notify(NotifySpec.Event.failed, true, status, steps, gates);
    }
    webhooks.notify(NotifySpec.Event.ended, true, status, steps, gates);
    visibility.show(this::state);
  }

  @Override
  public RehearsalState state() {
    return new RehearsalState(
        Workflow.getInfo().getWorkflowId(),
        plan == null ? null : plan.name(),
        plan == null ? null : plan.environment(),
        input == null ? null : input.releaseCandidate(),
        input == null ? null : input.initiator(),
        input == null ? Map.of() : input.parameters(),
        status,
        phase,
        startedAt,
        finishedAt,
        manual == null ? List.copyOf(steps) : manual.shown(steps),
        List.copyOf(gates),
        signoffTally == null ? new Approvals(1, false, List.copyOf(decisions), List.copyOf(refused))
            : signoffTally.approvals(List.copyOf(decisions), List.copyOf(refused)),
        Readiness.verdict(steps, gates),
        plan == null ? null : Readiness.estimate(Readiness.verdict(steps, gates), plan.readiness()),
        EvidenceDigest.of(steps, gates),
        cancellation,
        waitingFor,
        failureDecisions.state());
  }

  @Override
  public void validateDecision(ApprovalRequest request) {
    if (status != RunStatus.AWAITING_APPROVAL) {
      throw ApprovalRefusals.refusal(RefusalReason.NOT_AWAITING_APPROVAL, "the run is " + status + ", not awaiting approval");
    }
    if (cancellation != null) {
      throw ApprovalRefusals.refusal(RefusalReason.NOT_AWAITING_APPROVAL, "the run is being cancelled by " + cancellation.actor());
    }
    if (!request.roles().contains(APPROVER_ROLE)) {
      throw ApprovalRefusals.refusal(RefusalReason.NOT_APPROVER, request.actor() + " does not hold the APPROVER role");
    }
    if (request.actor().equals(input.initiator()) && !signoffTally.allowInitiator()) {
      throw ApprovalRefusals.refusal(RefusalReason.INITIATOR, request.actor() + " started this run and may not sign it off");
    }
    if (decisions.stream().anyMatch(d -> d.actor().equals(request.actor()))) {
      throw ApprovalRefusals.refusal(RefusalReason.ALREADY_DECIDED, request.actor() + " has already decided on this run");
    }
    if (request.decision() == null) {
      throw ApprovalRefusals.refusal(RefusalReason.INVALID_DECISION, "decision must be APPROVE or REJECT");
    }
    String useless = request.decision() == Decision.APPROVE ? signoffTally.uselessApproval(request) : null;
    if (useless != null) {
      throw ApprovalRefusals.refusal(RefusalReason.NO_OPEN_RULE, useless);
    }
    String digest = EvidenceDigest.of(steps, gates);
    if (request.evidenceDigest() != null && !request.evidenceDigest().equals(digest)) {
      throw ApprovalRefusals.refusal(RefusalReason.STALE_EVIDENCE, "the evidence changed since " + request.actor()
          + " reviewed it (" + request.evidenceDigest() + "); it is now " + digest);
    }
    if (request.decision() == Decision.REJECT && (request.comment() == null || request.comment().isBlank())) {
      throw ApprovalRefusals.refusal(RefusalReason.INVALID_DECISION, "a rejection needs a comment saying why");
    }
    WaiverCheck.check(gates, request);
  }

  @Override
  public ApprovalResult decide(ApprovalRequest request) {
    decisions.add(new ApprovalRecord(request.actor(), request.decision(), request.comment(), request.waivers(),
        request.evidenceDigest(), now()));
    if (request.decision() == Decision.APPROVE) {
      signoffTally.approve(request);
    }
    int approvals = signoffTally.counted();
    if (request.decision() == Decision.REJECT) {
      status = RunStatus.REJECTED;
    } else if (signoffTally.met()) {
      status = RunStatus.SUCCEEDED;
    }
    log.info("{} decided {} ({} of {} approvals)", request.actor(), request.decision(), approvals, signoffTally.required());
    visibility.show(this::state);
    return new ApprovalResult(status, approvals, signoffTally.required());
  }

  @Override
  public void validateCompletion(ManualCompletion completion) {
    CompletionCheck check = checkCompletion(completion);
    if (check.refused()) {
      throw ApprovalRefusals.refusal(RefusalReason.ofType(check.reason()).orElseThrow(), check.message());
    }
  }

  @Override
  public ManualCompletionRecord completeManualStep(ManualCompletion completion) {
    return manual.complete(completion);
  }

  @Override
  public CompletionCheck checkCompletion(ManualCompletion completion) {
    if (manual == null || status.isFinal() || cancellation != null) {
      return new CompletionCheck(RefusalReason.NOT_WAITING.type(), "the run is " + status + "; it waits for no step");
    }
    return manual.check(completion);
  }

  @Override
  public void cancel(CancelRequest request) {
    if (cancellation != null || status.isFinal()) {
      return;
    }
    cancellation = new CancelRecord(request.actor(), request.reason(), now());
    log.info("cancel requested by {}: {}", request.actor(), request.reason());
    if (phasesScope != null) {
      phasesScope.cancel(request.reason());
    }
  }

  @Override
  public void validateFailureDecision(FailureDecisionRequest request) {
    failureDecisions.validate(request, status == RunStatus.RUNNING && cancellation == null);
  }

  @Override
  public FailureDecisionRecord decideFailure(FailureDecisionRequest request) {
    log.info("{} decided {} on failed step {}", request.actor(), request.action(), request.step());
    return failureDecisions.decide(request);
  }

  @Override
  public void recordRefusedFailureDecision(RefusedFailureDecision refusal) {
    failureDecisions.recordRefused(refusal, refused.size());
  }

  @Override
  public void recordRefusedApproval(RefusedApproval refusal) {
    if (RefusalCap.room(refused.size(), failureDecisions.refusedCount())) {
      refused.add(new RefusedApprovalRecord(refusal.actor(), refusal.decision(), refusal.reason(), now()));
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
