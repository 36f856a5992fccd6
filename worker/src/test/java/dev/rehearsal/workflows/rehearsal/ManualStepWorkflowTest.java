package dev.rehearsal.workflows.rehearsal;

import static dev.rehearsal.testing.RunStates.awaitState;
import static dev.rehearsal.testing.RunStates.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.testing.Plans;
import dev.rehearsal.testing.RunStates;
import dev.rehearsal.testing.TimeSkippingRehearsals;
import dev.rehearsal.workflows.steps.EvidenceRef;
import io.temporal.client.WorkflowUpdateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manual steps in the workflow, on the time-skipping test service: the run waits for a person (WAITING, waitingFor),
 * a completion confirms or fails the step, and the timeout's stated outcome applies when nobody comes.
 */
class ManualStepWorkflowTest {
  private static final String QUEUE = "rehearsal-manual-test";
  private static final EvidenceRef SCREENSHOT = new EvidenceRef("dashboards-reviewed.attachment.1.queue.png", 1234,
      "ab".repeat(32), false);

  @TempDir Path dir;
  private TimeSkippingRehearsals rehearsals;

  @BeforeEach
  void start() {
    rehearsals = TimeSkippingRehearsals.start(dir, QUEUE, Map.of("PATH", System.getenv("PATH")));
  }

  /** With {@code -Drehearsal.record-histories=<dir>}, records each test's history as {@code manual-<test>.json}. */
  @AfterEach
  void stop(TestInfo test) throws Exception {
    rehearsals.stop(test, "manual-");
  }

  @Test
  void aConfirmedCompletionSucceedsTheStepAndIsWhatTheApproverSigns() {
    Path log = dir.resolve("after.log");
    RehearsalWorkflow run = start(Plans.shopStaging("""
        smoke:
            - name: dashboards-reviewed
              manual:
                instructions: "Open the dashboards; attach a screenshot."
                items: ["queue depth flat"]
                by: { role: APPROVER }
                requires: { note: true, attachment: true }
                timeout: 24h
            - { name: after, command: { run: [sh, -c, "echo ran >> %s"] } }
        """.formatted(log)), "alice");

    RehearsalState waiting = awaitState(run, s -> s.steps().get(0).status() == StepStatus.WAITING, "the manual step waiting");
    assertThat(waiting.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(waiting.waitingFor()).satisfies(w -> {
      assertThat(w.kind()).isEqualTo(WaitingFor.Kind.MANUAL);
      assertThat(w.step()).isEqualTo("dashboards-reviewed");
      assertThat(w.who()).isEqualTo("APPROVER");
      assertThat(w.since()).isNotNull();
      assertThat(w.until()).as("the step's 24h timeout, for reminders' timeout notice").isEqualTo(w.since().plus(Duration.ofHours(24)));
    });
    assertThat(dir.resolve("after.log")).as("later steps wait too").doesNotExist();

    assertRefused(() -> run.completeManualStep(completion("erin", List.of("ENGINEER"), CompletionOutcome.CONFIRMED,
        "seen", List.of(SCREENSHOT))), RefusalReason.NOT_PERMITTED);
    assertRefused(() -> run.completeManualStep(completion("bob", List.of("APPROVER"), CompletionOutcome.CONFIRMED,
        "seen", List.of())), RefusalReason.INCOMPLETE_COMPLETION);
    assertRefused(() -> run.completeManualStep(completion("bob", List.of("APPROVER"), CompletionOutcome.CONFIRMED,
        " ", List.of(SCREENSHOT))), RefusalReason.INCOMPLETE_COMPLETION);
    assertRefused(() -> run.completeManualStep(new ManualCompletion("bob", List.of("APPROVER"), List.of(), "after",
        CompletionOutcome.CONFIRMED, "x", List.of())), RefusalReason.NOT_MANUAL_STEP);
    String before = run.state().evidenceDigest();

    ManualCompletionRecord done = run.completeManualStep(completion("bob", List.of("APPROVER"), CompletionOutcome.CONFIRMED,
        "queue depth flat, no failed jobs", List.of(SCREENSHOT)));
    assertThat(done.actor()).isEqualTo("bob");

    RehearsalState signoff = awaitState(run, s -> s.status() == RunStatus.AWAITING_APPROVAL, "sign-off");
    StepState step = signoff.steps().get(0);
    assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step.evidence()).containsExactly(SCREENSHOT);
    assertThat(step.summary()).contains("confirmed by bob").contains("queue depth flat, no failed jobs");
    assertThat(step.completion()).satisfies(c -> {
      assertThat(c.actor()).isEqualTo("bob");
      assertThat(c.outcome()).isEqualTo(CompletionOutcome.CONFIRMED);
      assertThat(c.note()).isEqualTo("queue depth flat, no failed jobs");
      assertThat(c.attachments()).containsExactly(SCREENSHOT);
      assertThat(c.at()).isNotNull();
    });
    assertThat(signoff.waitingFor()).isNull();
    assertThat(signoff.steps().get(1).status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(signoff.evidenceDigest()).as("the completion is part of what approvers sign").isNotEqualTo(before);
    assertRefused(() -> run.completeManualStep(completion("bob", List.of("APPROVER"), CompletionOutcome.CONFIRMED,
        "again", List.of(SCREENSHOT))), RefusalReason.ALREADY_COMPLETED);

    run.decide(new ApprovalRequest("carol", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), signoff.evidenceDigest()));
    assertThat(result(run).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void aFailedCompletionFailsTheStepAndTheRunButRollbackStillRuns() {
    RehearsalWorkflow run = start(Plans.shopStaging("""
        smoke:
            - name: dashboards-reviewed
              manual: { instructions: "Look.", by: { group: dba }, requires: { note: true, attachment: true } }
            - { name: later, command: { run: [sh, -c, "echo later"] } }
          rollback:
            - { name: undo, command: { run: [sh, -c, "echo undone"] } }
        """), "alice");
    awaitState(run, s -> s.waitingFor() != null, "waiting");
    assertThat(run.state().waitingFor().who()).isEqualTo("group:dba");
    assertRefused(() -> run.completeManualStep(new ManualCompletion("bob", List.of("ENGINEER", "APPROVER"), List.of("qa"),
        "dashboards-reviewed", CompletionOutcome.FAILED, "bad", List.of())), RefusalReason.NOT_PERMITTED);

    run.completeManualStep(new ManualCompletion("dana", List.of(), List.of("dba"), "dashboards-reviewed",
        CompletionOutcome.FAILED, "failed-jobs panel shows 40 errors", List.of()));

    RehearsalState end = result(run);
    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    assertThat(end.steps()).extracting(StepState::status)
        .containsExactly(StepStatus.FAILED, StepStatus.SKIPPED, StepStatus.SUCCEEDED);
    assertThat(end.steps().get(0).summary()).contains("reported failed by dana").contains("40 errors");
    assertThat(end.steps().get(0).completion().outcome()).isEqualTo(CompletionOutcome.FAILED);
    assertThat(end.waitingFor()).isNull();
  }

  @Test
  void aRetryAfterAReportedFailureAsksThePersonAgainInsteadOfFailingAtOnce() {
    RehearsalWorkflow run = start(Plans.shopStaging("""
        smoke:
            - name: dashboards-reviewed
              onFailure: ask
              manual: { instructions: "Look.", requires: { note: true } }
            - { name: later, command: { run: [sh, -c, "echo later"] } }
        """), "alice");
    awaitState(run, s -> s.waitingFor() != null, "the manual wait");
    run.completeManualStep(new ManualCompletion("erin", List.of("ENGINEER"), List.of(), "dashboards-reviewed",
        CompletionOutcome.FAILED, "queue depth panel is empty", List.of()));
    awaitState(run, s -> s.waitingFor() != null && s.waitingFor().kind() == WaitingFor.Kind.DECISION, "the decision wait");

    run.decideFailure(new FailureDecisionRequest("alice", List.of("ENGINEER"), "dashboards-reviewed",
        FailureAction.RETRY, "fixed the datasource"));

    RehearsalState again = awaitState(run, s -> s.waitingFor() != null && s.waitingFor().kind() == WaitingFor.Kind.MANUAL,
        "the manual step waiting again");
    assertThat(RunStates.step(again, "dashboards-reviewed").status()).isEqualTo(StepStatus.WAITING);
    run.completeManualStep(new ManualCompletion("erin", List.of("ENGINEER"), List.of(), "dashboards-reviewed",
        CompletionOutcome.CONFIRMED, "queue depth 0, no failed jobs", List.of()));

    RehearsalState signoff = awaitState(run, s -> s.status() == RunStatus.AWAITING_APPROVAL, "sign-off");
    StepState step = RunStates.step(signoff, "dashboards-reviewed");
    assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step.completion().outcome()).isEqualTo(CompletionOutcome.CONFIRMED);
    assertThat(step.completion().note()).isEqualTo("queue depth 0, no failed jobs");
    assertThat(step.outputs()).containsEntry("note", "queue depth 0, no failed jobs");
    run.cancel(new CancelRequest("alice", "done"));
  }

  @Test
  void nobodyCompletingItWithOnTimeoutFailFailsTheStepAfterItsTimeout() {
    RehearsalWorkflow run = start(Plans.shopStaging("""
        smoke:
            - { name: check, manual: { instructions: "Look.", timeout: 4h, onTimeout: fail } }
        """), "alice");

    RehearsalState end = result(run);
    StepState step = end.steps().get(0);
    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    assertThat(step.status()).isEqualTo(StepStatus.FAILED);
    assertThat(step.summary()).contains("nobody completed it within 4h");
    assertThat(Duration.between(step.startedAt(), step.finishedAt())).isBetween(Duration.ofHours(4), Duration.ofHours(4).plusMinutes(1));
  }

  @Test
  void nobodyCompletingItWithOnTimeoutSkipLeavesAGateToWaiveSoReadinessIsNeverPass() {
    RehearsalWorkflow run = start(Plans.shopStaging("""
        smoke:
            - { name: check, manual: { instructions: "Look.", timeout: 2h, onTimeout: skip } }
            - { name: after, command: { run: [sh, -c, "echo after"] } }
        """), "alice");

    RehearsalState signoff = awaitState(run, s -> s.status() == RunStatus.AWAITING_APPROVAL, "sign-off",
        () -> rehearsals.env().sleep(Duration.ofHours(3)));
    assertThat(signoff.steps()).extracting(StepState::status).containsExactly(StepStatus.SKIPPED, StepStatus.SUCCEEDED);
    assertThat(signoff.steps().get(0).summary()).contains("nobody completed it within 2h").contains("skipped");
    assertThat(signoff.gates()).singleElement().satisfies(g -> {
      assertThat(g.name()).isEqualTo("check.unconfirmed");
      assertThat(g.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
      assertThat(g.needsWaiver()).isTrue();
    });
    assertThat(signoff.readiness()).isEqualTo(ReadinessVerdict.WARN);
    assertRefused(() -> run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), null)),
        RefusalReason.WAIVER_MISSING);

    run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok",
        Map.of("check.unconfirmed", "checked by phone with the on-call"), null));
    assertThat(result(run).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void theInitiatorMayCompleteUnlessThePlanSaysOtherwise() {
    RehearsalWorkflow run = start(Plans.shopStaging("""
        smoke:
            - { name: mine, manual: { instructions: "Look." } }
            - { name: not-mine, manual: { instructions: "Look again.", initiatorMayComplete: false } }
        """), "alice");
    awaitState(run, s -> s.steps().get(0).status() == StepStatus.WAITING, "first step waiting");
    assertRefused(() -> run.completeManualStep(new ManualCompletion("alice", List.of("ENGINEER"), List.of(), "not-mine",
        CompletionOutcome.CONFIRMED, null, List.of())), RefusalReason.NOT_WAITING);
    run.completeManualStep(new ManualCompletion("alice", List.of("ENGINEER"), List.of(), "mine",
        CompletionOutcome.CONFIRMED, null, List.of()));

    awaitState(run, s -> s.steps().get(1).status() == StepStatus.WAITING, "second step waiting");
    assertRefused(() -> run.completeManualStep(new ManualCompletion("alice", List.of("ENGINEER"), List.of(), "not-mine",
        CompletionOutcome.CONFIRMED, null, List.of())), RefusalReason.INITIATOR_MAY_NOT_COMPLETE);
    assertThat(run.checkCompletion(new ManualCompletion("alice", List.of("ENGINEER"), List.of(), "not-mine",
        CompletionOutcome.CONFIRMED, null, List.of())).reason()).isEqualTo(RefusalReason.INITIATOR_MAY_NOT_COMPLETE.type());
    run.completeManualStep(new ManualCompletion("erin", List.of("ENGINEER"), List.of(), "not-mine",
        CompletionOutcome.CONFIRMED, null, List.of()));

    RehearsalState signoff = awaitState(run, s -> s.status() == RunStatus.AWAITING_APPROVAL, "sign-off");
    assertThat(signoff.steps()).extracting(s -> s.completion().actor()).containsExactly("alice", "erin");
    run.cancel(new CancelRequest("alice", "done"));
  }

  @Test
  void cancellingWhileAStepWaitsEndsTheRunCancelledAndNothingIsAwaitedAnyMore() {
    RehearsalWorkflow run = start(Plans.shopStaging("""
        smoke:
            - { name: check, manual: { instructions: "Look." } }
        """), "alice");
    awaitState(run, s -> s.waitingFor() != null, "waiting");

    run.cancel(new CancelRequest("alice", "wrong candidate"));
    RehearsalState end = result(run);
    assertThat(end.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(end.waitingFor()).isNull();
    assertThat(end.steps().get(0).status()).isNotIn(StepStatus.WAITING, StepStatus.SUCCEEDED);
    assertThat(Duration.between(end.startedAt(), end.finishedAt())).as("no timer left to run out").isLessThan(Duration.ofHours(1));
  }

  private static ManualCompletion completion(String actor, List<String> roles, CompletionOutcome outcome, String note,
      List<EvidenceRef> attachments) {
    return new ManualCompletion(actor, roles, List.of(), "dashboards-reviewed", outcome, note, attachments);
  }

  private RehearsalWorkflow start(String yaml, String initiator) {
    return rehearsals.start(Plans.parse(yaml), initiator);
  }

  private static void assertRefused(Runnable call, RefusalReason reason) {
    assertThatThrownBy(call::run).isInstanceOf(WorkflowUpdateException.class)
        .satisfies(e -> assertThat(ApprovalRefusals.of(e)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(reason)));
  }
}
