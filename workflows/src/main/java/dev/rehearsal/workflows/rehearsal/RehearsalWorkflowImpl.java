package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.Durations;
import dev.rehearsal.plan.Phase;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.plan.SignoffSpec;
import dev.rehearsal.plan.RerunSpec;
import dev.rehearsal.plan.StepSpec;
import dev.rehearsal.plan.NotifySpec;
import dev.rehearsal.workflows.archive.ArchiverNotice;
import dev.rehearsal.workflows.load.BaselineInput;
import dev.rehearsal.workflows.load.LoadActivities;
import dev.rehearsal.workflows.postgres.SnapshotRef;
import dev.rehearsal.workflows.steps.EvidenceRef;
import dev.rehearsal.workflows.steps.GatesFailed;
import dev.rehearsal.workflows.steps.StepActivityOptions;
import dev.rehearsal.workflows.steps.StepFailureDetails;
import dev.rehearsal.workflows.steps.StepNotRunnable;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.workflows.steps.StepRun;
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
import java.util.stream.Collectors;
import org.slf4j.Logger;

public class RehearsalWorkflowImpl implements RehearsalWorkflow {
  private static final Logger log = Workflow.getLogger(RehearsalWorkflowImpl.class);
  private static final String APPROVER_ROLE = "APPROVER";
  private static final ActivityOptions BASELINE_OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(java.time.Duration.ofMinutes(1))
      .setRetryOptions(io.temporal.common.RetryOptions.newBuilder().setMaximumAttempts(5).build())
      .build();

  /** A step as it will run: its display name, phase and spec (steps of a rerun are copies of earlier steps). */
  private record PlannedStep(String name, Phase phase, StepSpec spec) {}

  private RehearsalInput input;
  private Plan plan;
  private SignoffSpec signoff;
  private final List<PlannedStep> planned = new ArrayList<>();
  private final List<StepState> steps = new ArrayList<>();
  private final List<ApprovalRecord> decisions = new ArrayList<>();
  private final List<RefusedApprovalRecord> refused = new ArrayList<>();
  private final List<GateState> gates = new ArrayList<>();
  /** Snapshots taken so far, by snapshot step name, for the restore steps that read them. */
  private final Map<String, SnapshotRef> snapshots = new HashMap<>();
  private final HandedOutputs outputs = new HandedOutputs();
  private RunStatus status = RunStatus.RUNNING;
  private Phase phase;
  private Instant startedAt;
  private Instant finishedAt;
  private CancelRecord cancellation;
  private WaitingFor waitingFor;
  private CancellationScope phasesScope;
  private WebhookNotifier webhooks;
  private PersonWaitReminders reminders;
  private Instant signoffSince;

  @Override
  public RehearsalState run(RehearsalInput input) {
    this.input = input;
    this.plan = input.plan();
    this.signoff = plan.phases().signoff();
    this.startedAt = now();
    this.webhooks = new WebhookNotifier(plan, input.releaseCandidate());
    reminders = PersonWaitReminders.startIfAsked(signoff, this::personWait,
        (event, wait, deliver) -> webhooks.notify(event, deliver, status, steps, gates, wait));
    planSteps();
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
    ArchiverNotice.runEnded(status);
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

  /** Runs one step as an activity; true when it succeeded. */
  private boolean runStep(int index, PlannedStep step) {
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
    return spec.body().execute(new StepRun(step.name(), spec, plan, options, timeoutMillis, snapshots, gates));
  }

  private void awaitSignoff() {
    signoffSince = now();
    status = RunStatus.AWAITING_APPROVAL;
    phase = Phase.SIGNOFF;
    webhooks.notify(NotifySpec.Event.awaitingApproval, false, status, steps, gates);
    boolean decided =
        Workflow.await(
            Durations.parse(signoff.timeoutOrDefault()),
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

  private dev.rehearsal.workflows.notify.PersonWait personWait() {
    return PersonWaits.current(status, cancellation, signoffSince, Durations.parse(signoff.timeoutOrDefault()), waitingFor);
  }

  private void finish(RunStatus end) {
    status = end;
    finishedAt = now();
    log.info("rehearsal ended {}", end);
    Map<String, Double> figures = GateState.figures(gates);
    if (end == RunStatus.SUCCEEDED && !figures.isEmpty()) {
      recordBaseline(figures);
    }
    if (end == RunStatus.FAILED) {
      webhooks.notify(NotifySpec.Event.failed, true, status, steps, gates);
    }
    webhooks.notify(NotifySpec.Event.ended, true, status, steps, gates);
  }

  /** A signed-off run's figures become the baseline; failing to record it must not undo the sign-off. */
  private void recordBaseline(Map<String, Double> figures) {
    try {
      Workflow.newActivityStub(LoadActivities.class, BASELINE_OPTIONS)
          .recordBaseline(new BaselineInput(plan.name(), plan.environment(), Workflow.getInfo().getWorkflowId(), figures));
    } catch (ActivityFailure failure) {
      log.warn("could not record the baseline: {}", FailureText.describe(failure));
    }
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
        List.copyOf(steps),
        List.copyOf(gates),
        new Approvals(signoff == null ? 1 : signoff.required(), signoff != null && signoff.allowInitiator(),
            List.copyOf(decisions), List.copyOf(refused)),
        Readiness.verdict(steps, gates),
        plan == null ? null : Readiness.estimate(Readiness.verdict(steps, gates), plan.readiness()),
        EvidenceDigest.of(steps, gates),
        cancellation,
        waitingFor);
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
    if (request.actor().equals(input.initiator()) && !signoff.allowInitiator()) {
      throw ApprovalRefusals.refusal(RefusalReason.INITIATOR, request.actor() + " started this run and may not sign it off");
    }
    if (decisions.stream().anyMatch(d -> d.actor().equals(request.actor()))) {
      throw ApprovalRefusals.refusal(RefusalReason.ALREADY_DECIDED, request.actor() + " has already decided on this run");
    }
    if (request.decision() == null) {
      throw ApprovalRefusals.refusal(RefusalReason.INVALID_DECISION, "decision must be APPROVE or REJECT");
    }
    String digest = EvidenceDigest.of(steps, gates);
    if (request.evidenceDigest() != null && !request.evidenceDigest().equals(digest)) {
      throw ApprovalRefusals.refusal(RefusalReason.STALE_EVIDENCE, "the evidence changed since " + request.actor()
          + " reviewed it (" + request.evidenceDigest() + "); it is now " + digest);
    }
    if (request.decision() == Decision.REJECT && (request.comment() == null || request.comment().isBlank())) {
      throw ApprovalRefusals.refusal(RefusalReason.INVALID_DECISION, "a rejection needs a comment saying why");
    }
    List<String> unwaived = gates.stream()
        .filter(GateState::needsWaiver)
        .map(GateState::name)
        .filter(name -> request.waivers().getOrDefault(name, "").isBlank())
        .collect(Collectors.toList());
    if (request.decision() == Decision.APPROVE && !unwaived.isEmpty()) {
      throw ApprovalRefusals.refusal(RefusalReason.WAIVER_MISSING,
          "WARN and INCONCLUSIVE gates need a written waiver: " + String.join(", ", unwaived));
    }
  }

  @Override
  public ApprovalResult decide(ApprovalRequest request) {
    decisions.add(new ApprovalRecord(request.actor(), request.decision(), request.comment(), request.waivers(),
        request.evidenceDigest(), now()));
    long approvals = decisions.stream().filter(d -> d.decision() == Decision.APPROVE).count();
    if (request.decision() == Decision.REJECT) {
      status = RunStatus.REJECTED;
    } else if (approvals >= signoff.required()) {
      status = RunStatus.SUCCEEDED;
    }
    log.info("{} decided {} ({} of {} approvals)", request.actor(), request.decision(), approvals, signoff.required());
    return new ApprovalResult(status, (int) approvals, signoff.required());
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
  public void recordRefusedApproval(RefusedApproval refusal) {
    refused.add(new RefusedApprovalRecord(refusal.actor(), refusal.decision(), refusal.reason(), now()));
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
