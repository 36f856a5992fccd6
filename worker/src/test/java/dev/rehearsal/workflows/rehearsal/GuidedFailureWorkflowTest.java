package dev.rehearsal.workflows.rehearsal;

import static dev.rehearsal.testing.RunStates.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.testing.RunStates;
import dev.rehearsal.testing.TimeSkippingRehearsals;
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
 * Guided failure ({@code onFailure: ask}) on the time-skipping test server: a step that fails after its retries waits
 * for an ENGINEER's decision (retry, skip, rollback, abort) or the plan's decision timeout. The "snapshot" and
 * "restore" are command steps that append to a log file, so the log shows which steps ran how often.
 */
class GuidedFailureWorkflowTest {
  private static final String QUEUE = "guided-failure-test";
  private static final List<String> ENGINEER = List.of("ENGINEER");

  @TempDir Path dir;
  private TimeSkippingRehearsals rehearsals;
  private Path log;
  private Path fixed;

  @BeforeEach
  void start() {
    // Time skips only while a test waits for a run's result, so decisions sent while polling the state come first.
    rehearsals = TimeSkippingRehearsals.start(dir, QUEUE, Map.of("PATH", System.getenv("PATH")));
    log = dir.resolve("steps.log");
    fixed = dir.resolve("permission-fixed");
  }

  @AfterEach
  void stop(TestInfo test) throws Exception {
    rehearsals.stop(test, "guided-failure-");
  }

  @Test
  void retryRunsOnlyTheFailedStepAgainSoTheSnapshotIsNotTakenTwice() throws Exception {
    RehearsalWorkflow run = start("onFailure: ask\n");

    RehearsalState waiting = awaitWaiting(run);
    assertThat(waiting.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(RunStates.step(waiting, "restore").status()).isEqualTo(StepStatus.WAITING);
    assertThat(RunStates.step(waiting, "restore").summary()).contains("exit code 1");
    assertThat(waiting.waitingFor().kind()).isEqualTo(WaitingFor.Kind.DECISION);
    assertThat(waiting.waitingFor().step()).isEqualTo("restore");
    assertThat(waiting.waitingFor().who()).isEqualTo("ENGINEER");
    assertThat(waiting.waitingFor().since()).isNotNull();
    assertThat(waiting.waitingFor().until()).as("the default 24h decision timeout")
        .isEqualTo(waiting.waitingFor().since().plus(java.time.Duration.ofHours(24)));

    Files.writeString(fixed, "granted");
    FailureDecisionRecord decided = run.decideFailure(decision("alice", "restore", FailureAction.RETRY, "fixed the grant"));
    assertThat(decided.actor()).isEqualTo("alice");

    RehearsalState signoff = awaitStatus(run, RunStatus.AWAITING_APPROVAL);
    assertThat(Files.readAllLines(log)).containsExactly("snapshot", "restore", "migrate", "rollback");
    StepState restore = RunStates.step(signoff, "restore");
    assertThat(restore.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(restore.attempts()).as("the failed attempt and the retried one").isEqualTo(2);
    assertThat(signoff.waitingFor()).isNull();
    assertThat(signoff.failureDecisions().decisions()).singleElement().satisfies(d -> {
      assertThat(d.step()).isEqualTo("restore");
      assertThat(d.action()).isEqualTo(FailureAction.RETRY);
      assertThat(d.actor()).isEqualTo("alice");
      assertThat(d.reason()).isEqualTo("fixed the grant");
      assertThat(d.at()).isNotNull();
      assertThat(d.timedOut()).isFalse();
    });
    assertRefused(() -> run.decideFailure(decision("alice", "restore", FailureAction.RETRY, null)),
        RefusalReason.NOT_WAITING_FOR_DECISION);
    run.cancel(new CancelRequest("alice", "done"));
  }

  @Test
  void aRetriedStepsGatesReplaceThoseOfItsFailedAttempt() {
    String yaml = """
        apiVersion: rehearsal/v1
        name: shop-staging
        environment: staging
        onFailure: ask
        phases:
          smoke:
            - name: errors
              command: { run: [sh, -c, "if test -f %s; then echo '{\\"errors\\": 0}'; else echo '{\\"errors\\": 3}'; fi"] }
              gates: { errors: { stdout: true, pointer: /errors, pass: 0 } }
          signoff: {}
        """.formatted(fixed);
    RehearsalWorkflow run = rehearsals.start(Plans.parse(yaml), "alice");
    RehearsalState waiting = awaitWaiting(run);
    assertThat(waiting.gates()).singleElement().satisfies(g -> assertThat(g.verdict()).isEqualTo(GateVerdict.FAIL));

    write(fixed, "fixed");
    run.decideFailure(decision("alice", "errors", FailureAction.RETRY, "cleaned the queue"));

    RehearsalState signoff = awaitStatus(run, RunStatus.AWAITING_APPROVAL);
    assertThat(signoff.gates()).singleElement().satisfies(g -> assertThat(g.verdict()).isEqualTo(GateVerdict.PASS));
    assertThat(signoff.readiness()).isEqualTo(ReadinessVerdict.PASS);
    run.cancel(new CancelRequest("alice", "done"));
  }

  @Test
  void aRetryThatFailsAgainWaitsForAnotherDecision() {
    RehearsalWorkflow run = start("onFailure: ask\n");
    awaitWaiting(run);
    run.decideFailure(decision("alice", "restore", FailureAction.RETRY, "try once more"));

    Await.until(() -> run.state().failureDecisions() != null && run.state().waitingFor() != null
        && RunStates.step(run.state(), "restore").attempts() == 2, "the second wait");
    run.decideFailure(decision("carol", "restore", FailureAction.ROLLBACK, "give up"));

    RehearsalState end = result(run);
    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    assertThat(end.failureDecisions().decisions()).extracting(FailureDecisionRecord::actor).containsExactly("alice", "carol");
  }

  @Test
  void refusedDecisionsLeaveTheStepWaitingAndAreRecorded() {
    RehearsalWorkflow run = start("onFailure: ask\n");
    awaitWaiting(run);

    assertRefused(() -> run.decideFailure(new FailureDecisionRequest("bob", List.of("APPROVER"), "restore",
        FailureAction.RETRY, null)), RefusalReason.NOT_ENGINEER);
    assertRefused(() -> run.decideFailure(decision("alice", "snapshot", FailureAction.RETRY, null)),
        RefusalReason.NOT_WAITING);
    assertRefused(() -> run.decideFailure(decision("alice", "restore", FailureAction.SKIP, " ")),
        RefusalReason.INVALID_DECISION);
    run.recordRefusedFailureDecision(new RefusedFailureDecision("bob", "restore", "retry", "bob does not hold the ENGINEER role"));

    RehearsalState still = Await.value(run::state, s -> s.failureDecisions() != null, "the refusal recorded");
    assertThat(still.waitingFor().step()).isEqualTo("restore");
    assertThat(still.failureDecisions().decisions()).isEmpty();
    assertThat(still.failureDecisions().refused()).singleElement().satisfies(r -> {
      assertThat(r.actor()).isEqualTo("bob");
      assertThat(r.step()).isEqualTo("restore");
      assertThat(r.reason()).contains("ENGINEER");
      assertThat(r.at()).isNotNull();
    });
    run.cancel(new CancelRequest("alice", "done"));
  }

  @Test
  void skipEndsTheStepSkippedAndLeavesAGateThatMustBeWaived() {
    RehearsalWorkflow run = start("onFailure: ask\n");
    awaitWaiting(run);
    run.decideFailure(decision("alice", "restore", FailureAction.SKIP, "staging restore is broken; data is a week old but fine"));

    RehearsalState signoff = awaitStatus(run, RunStatus.AWAITING_APPROVAL);
    StepState restore = RunStates.step(signoff, "restore");
    assertThat(restore.status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(restore.summary()).contains("alice").contains("data is a week old");
    assertThat(Files.exists(log)).isTrue();
    assertThat(RunStates.step(signoff, "migrate").status()).as("the run goes on").isEqualTo(StepStatus.SUCCEEDED);
    GateState gate = RunStates.gate(signoff, "restore.skipped");
    assertThat(gate.verdict()).isEqualTo(GateVerdict.WARN);
    assertThat(gate.note()).contains("alice").contains("week old");
    assertThat(signoff.readiness()).isNotEqualTo(ReadinessVerdict.PASS).isEqualTo(ReadinessVerdict.WARN);

    assertRefused(() -> run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), null)),
        RefusalReason.WAIVER_MISSING);
    run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok",
        Map.of("restore.skipped", "restore is rehearsed again next week"), null));
    assertThat(result(run).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void rollbackRunsTheRollbackPhaseAndTheRunFails() throws Exception {
    RehearsalWorkflow run = start("onFailure: ask\n");
    awaitWaiting(run);
    run.decideFailure(decision("alice", "restore", FailureAction.ROLLBACK, "no time today"));

    RehearsalState end = result(run);
    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    assertThat(RunStates.step(end, "restore").status()).isEqualTo(StepStatus.FAILED);
    assertThat(RunStates.step(end, "migrate").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(Files.readAllLines(log)).containsExactly("snapshot", "rollback");
    assertThat(end.failureDecisions().decisions()).extracting(FailureDecisionRecord::action).containsExactly(FailureAction.ROLLBACK);
  }

  @Test
  void abortEndsTheRunCancelledWithoutRollingBack() throws Exception {
    RehearsalWorkflow run = start("onFailure: ask\n");
    awaitWaiting(run);
    run.decideFailure(decision("alice", "restore", FailureAction.ABORT, "wrong release candidate"));

    RehearsalState end = result(run);
    assertThat(end.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(end.cancellation().actor()).isEqualTo("alice");
    assertThat(end.cancellation().reason()).contains("restore").contains("wrong release candidate");
    assertThat(Files.readAllLines(log)).containsExactly("snapshot");
    assertThat(RunStates.step(end, "rollback-restore").status()).isEqualTo(StepStatus.SKIPPED);
  }

  @Test
  void withoutADecisionTheTimeoutRollsBackByDefault() throws Exception {
    RehearsalWorkflow run = start("onFailure: ask\nfailureDecisionTimeout: 4h\n");

    RehearsalState end = result(run);
    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    assertThat(Files.readAllLines(log)).containsExactly("snapshot", "rollback");
    FailureDecisionRecord timedOut = end.failureDecisions().decisions().get(0);
    assertThat(timedOut.timedOut()).isTrue();
    assertThat(timedOut.actor()).isNull();
    assertThat(timedOut.action()).isEqualTo(FailureAction.ROLLBACK);
    assertThat(timedOut.reason()).contains("PT4H");
    assertThat(Duration.between(RunStates.step(end, "restore").finishedAt(), timedOut.at()))
        .isBetween(Duration.ofHours(4), Duration.ofHours(4).plusMinutes(1));
  }

  @Test
  void withoutADecisionTheTimeoutAbortsWhenThePlanSaysSo() throws Exception {
    RehearsalWorkflow run = start("onFailure: ask\nfailureDecisionTimeout: 30m\nonDecisionTimeout: abort\n");

    RehearsalState end = result(run);
    assertThat(end.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(end.cancellation().actor()).isNull();
    assertThat(end.cancellation().reason()).contains("restore");
    assertThat(end.failureDecisions().decisions()).singleElement().satisfies(d -> {
      assertThat(d.action()).isEqualTo(FailureAction.ABORT);
      assertThat(d.timedOut()).isTrue();
    });
    assertThat(Files.readAllLines(log)).containsExactly("snapshot");
  }

  @Test
  void cancelWhileWaitingForADecisionCancelsTheRun() {
    RehearsalWorkflow run = start("onFailure: ask\n");
    awaitWaiting(run);
    run.cancel(new CancelRequest("alice", "stop it"));

    RehearsalState end = result(run);
    assertThat(end.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(end.cancellation().actor()).isEqualTo("alice");
    assertThat(end.waitingFor()).isNull();
    assertThat(RunStates.step(end, "restore").status()).isEqualTo(StepStatus.FAILED);
    assertThat(end.failureDecisions()).as("nobody decided").isNull();
  }

  @Test
  void aStepsOwnOnFailureWinsOverThePlans() throws Exception {
    RehearsalWorkflow failsAsAlways = start("onFailure: ask\n", "onFailure: fail, ");
    RehearsalState end = result(failsAsAlways);
    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    assertThat(end.failureDecisions()).isNull();

    Files.delete(log);
    RehearsalWorkflow asks = start("", "onFailure: ask, ");
    assertThat(awaitWaiting(asks).waitingFor().step()).isEqualTo("restore");
    asks.cancel(new CancelRequest("alice", "done"));
  }

  @Test
  void withoutOnFailureAskAFailedStepFailsTheRunAsAlways() throws Exception {
    RehearsalState end = result(start(""));
    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    assertThat(end.waitingFor()).isNull();
    assertThat(Files.readAllLines(log)).containsExactly("snapshot", "rollback");
  }

  /** A snapshot, a restore that fails until the permission is fixed, a migration, a rollback. */
  private RehearsalWorkflow start(String planKeys) {
    return start(planKeys, "");
  }

  private RehearsalWorkflow start(String planKeys, String restoreOptions) {
    String yaml = """
        apiVersion: rehearsal/v1
        name: shop-staging
        environment: staging
        %1$sphases:
          snapshot: [ { name: snapshot, command: { run: [sh, -c, "echo snapshot >> %2$s"] } } ]
          restore:
            - { name: restore, %4$sretry: { maxAttempts: 1 }, command: { run: [sh, -c, "test -f %3$s && echo restore >> %2$s"] } }
          migrate: [ { name: migrate, command: { run: [sh, -c, "echo migrate >> %2$s"] } } ]
          rollback: [ { name: rollback-restore, command: { run: [sh, -c, "echo rollback >> %2$s"] } } ]
          signoff: {}
        """.formatted(planKeys, log, fixed, restoreOptions);
    return rehearsals.start(Plans.parse(yaml), "alice");
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static RehearsalState awaitWaiting(RehearsalWorkflow run) {
    return Await.value(run::state, s -> s.waitingFor() != null || s.status().isFinal(), "a decision to be awaited");
  }

  private static RehearsalState awaitStatus(RehearsalWorkflow run, RunStatus status) {
    return Await.value(run::state, s -> s.status() == status || s.status().isFinal(), "status " + status);
  }

  private static FailureDecisionRequest decision(String actor, String step, FailureAction action, String reason) {
    return new FailureDecisionRequest(actor, ENGINEER, step, action, reason);
  }

  private static void assertRefused(Runnable call, RefusalReason reason) {
    assertThatThrownBy(call::run).isInstanceOf(WorkflowUpdateException.class)
        .satisfies(e -> assertThat(ApprovalRefusals.of(e)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(reason)));
  }
}
