package dev.rehearsal.worker;

import static dev.rehearsal.testing.SideEffects.assertRanOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.PortBoundTemporal;
import dev.rehearsal.testing.RunStates;
import dev.rehearsal.testing.SideEffects;
import dev.rehearsal.testing.StandaloneWorker;
import dev.rehearsal.testing.StepDirs;
import dev.rehearsal.workflows.rehearsal.ApprovalRequest;
import dev.rehearsal.workflows.rehearsal.CompletionCheck;
import dev.rehearsal.workflows.rehearsal.CompletionOutcome;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.FailureAction;
import dev.rehearsal.workflows.rehearsal.FailureDecisionRequest;
import dev.rehearsal.workflows.rehearsal.GateVerdict;
import dev.rehearsal.workflows.rehearsal.ManualCompletion;
import dev.rehearsal.workflows.rehearsal.RefusalReason;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import dev.rehearsal.workflows.rehearsal.WaitingFor;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker restart loses no step waiting for a person: the worker JVM is SIGKILLed while a manual step waits for its
 * completion, or a failed step for a decision; a new worker (nothing of the old one in memory) takes the completion
 * or the decision, or lets the wait's durable timeout apply, and the steps that had finished do not run again.
 *
 * <p>Every worker here runs without a sticky queue ({@link StandaloneWorker#restartable()}): the test server would keep
 * a dead sticky worker's tasks, and the update sent after the kill would never reach the new worker.
 */
class PersonWaitRestartTest {
  private static final String QUEUE = "person-wait-restart-test";

  @TempDir Path dir;

  @Test
  void aManualStepWaitingWhenItsWorkerIsKilledIsCompletedOnTheNextWorker() throws Exception {
    Path effects = dir.resolve("side-effects.log");
    String plan = manualStepPlan("manual-restart",
        "{ instructions: \"Look at the dashboards.\", by: { role: APPROVER }, requires: { note: true }, timeout: 24h }", effects);
    restartWhileWaiting(WaitingFor.Kind.MANUAL, "dashboards-reviewed", "rh-manual-restart", plan, (run, temporal) -> {
      // As the API does: ask whether the completion would be taken, then send it as the workflow's update.
      ManualCompletion wrongRole = completion("erin", List.of("ENGINEER"), "seen");
      assertThat(Await.answer(() -> run.checkCompletion(wrongRole), "the new worker to check a completion").reason())
          .as("the step's rules came back with the new worker").isEqualTo(RefusalReason.NOT_PERMITTED.type());
      ManualCompletion bob = completion("bob", List.of("APPROVER"), "queue depth flat, no failed jobs");
      CompletionCheck check = Await.answer(() -> run.checkCompletion(bob), "the new worker to check a completion");
      assertThat(check.refused()).as(check.message()).isFalse();
      Await.answer(() -> run.completeManualStep(bob), "the new worker to take the completion");

      RehearsalState signoff = awaitStatus(run, RunStatus.AWAITING_APPROVAL, "the run to reach sign-off after the completion");
      assertThat(signoff.steps()).extracting(StepState::status).containsOnly(StepStatus.SUCCEEDED);
      assertThat(signoff.waitingFor()).isNull();
      assertThat(RunStates.step(signoff, "dashboards-reviewed").completion()).satisfies(c -> {
        assertThat(c.actor()).isEqualTo("bob");
        assertThat(c.outcome()).isEqualTo(CompletionOutcome.CONFIRMED);
        assertThat(c.note()).isEqualTo("queue depth flat, no failed jobs");
      });
      assertThat(RunStates.step(signoff, "dashboards-reviewed").summary()).contains("confirmed by bob");
      assertRanOnce(effects, "before", "after");

      run.decide(new ApprovalRequest("carol", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(),
          signoff.evidenceDigest()));
      assertThat(result(run).status()).isEqualTo(RunStatus.SUCCEEDED);
    });
  }

  @Test
  void aFailedStepWaitingForADecisionWhenItsWorkerIsKilledIsRetriedOnTheNextWorker() throws Exception {
    Path effects = dir.resolve("side-effects.log");
    Path fixed = dir.resolve("grant.fixed");
    restartWhileWaiting(WaitingFor.Kind.DECISION, "restore", "rh-decision-restart", """
          apiVersion: rehearsal/v1
          name: decision-restart
          environment: staging
          defaults: { heartbeatTimeout: 5s, retry: { maxAttempts: 1, initialInterval: 100ms } }
          phases:
            snapshot: [ { name: before, command: { run: [sh, -c, "echo before >> %1$s"] } } ]
            restore:
              - name: restore
                onFailure: ask
                command: { run: [sh, -c, "echo restore >> %1$s; test -f %2$s"] }
            smoke: [ { name: after, command: { run: [sh, -c, "echo after >> %1$s"] } } ]
            signoff: {}
          """.formatted(effects, fixed), (run, temporal) -> {
      Files.writeString(fixed, "granted");
      Await.answer(() -> run.decideFailure(new FailureDecisionRequest("dave", List.of("ENGINEER"), "restore",
          FailureAction.RETRY, "fixed the grant")), "the new worker to take the decision");

      RehearsalState signoff = awaitStatus(run, RunStatus.AWAITING_APPROVAL, "the run to reach sign-off after the retry");
      assertThat(signoff.steps()).extracting(StepState::status).containsOnly(StepStatus.SUCCEEDED);
      assertThat(RunStates.step(signoff, "restore").attempts()).as("the failed attempt and the retried one").isEqualTo(2);
      assertThat(signoff.waitingFor()).isNull();
      assertThat(signoff.failureDecisions().decisions()).singleElement().satisfies(d -> {
        assertThat(d.actor()).isEqualTo("dave");
        assertThat(d.action()).isEqualTo(FailureAction.RETRY);
        assertThat(d.reason()).isEqualTo("fixed the grant");
      });
      List<String> lines = SideEffects.lines(effects);
      assertThat(Collections.frequency(lines, "restore")).as("the failed step ran again").isEqualTo(2);
      assertRanOnce(effects, "before", "after");
    });
  }

  @Test
  void aManualStepsTimeoutFiresOnTheNextWorkerAndItsSkipIsAGate() throws Exception {
    Path effects = dir.resolve("side-effects.log");
    String plan = manualStepPlan("timeout-restart", "{ instructions: \"Look at the dashboards.\", timeout: 2h, onTimeout: skip }",
        effects);
    restartWhileWaiting(WaitingFor.Kind.MANUAL, "dashboards-reviewed", "rh-timeout-restart", plan, (run, temporal) -> {
      // Nobody comes: the timer the dead worker started is the server's, and fires for the new worker.
      temporal.skipTime(Duration.ofHours(3));
      RehearsalState signoff = awaitStatus(run, RunStatus.AWAITING_APPROVAL, "the run to reach sign-off after the timeout");
      assertThat(signoff.steps()).extracting(StepState::status)
          .containsExactly(StepStatus.SUCCEEDED, StepStatus.SKIPPED, StepStatus.SUCCEEDED);
      assertThat(signoff.waitingFor()).isNull();
      assertThat(RunStates.gate(signoff, "dashboards-reviewed.unconfirmed").verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
      assertRanOnce(effects, "before", "after");
    });
  }

  /** Plan {@code name}: a step before, the manual step dashboards-reviewed ({@code manual}), a step after. */
  private static String manualStepPlan(String name, String manual, Path effects) {
    return """
        apiVersion: rehearsal/v1
        name: %1$s
        environment: staging
        defaults: { heartbeatTimeout: 5s, retry: { initialInterval: 100ms } }
        phases:
          preflight: [ { name: before, command: { run: [sh, -c, "echo before >> %3$s"] } } ]
          smoke:
            - name: dashboards-reviewed
              manual: %2$s
            - { name: after, command: { run: [sh, -c, "echo after >> %3$s"] } }
          signoff: {}
        """.formatted(name, manual, effects);
  }

  /**
   * Starts the plan on a worker JVM, waits until {@code step} waits for a person ({@code kind}), SIGKILLs that JVM and
   * hands the run to {@code afterRestart} while a fresh worker in this JVM serves it.
   */
  private void restartWhileWaiting(WaitingFor.Kind kind, String step, String workflowId, String yaml,
      AfterRestart afterRestart) throws Exception {
    Path data = StepDirs.shared(dir).resolve("data");
    try (PortBoundTemporal temporal = new PortBoundTemporal()) {
      Process first = StandaloneWorker.startJvm(temporal.target(), QUEUE, data, Map.of(), dir.resolve("first-worker.log"));
      RehearsalWorkflow run = temporal.startRun(QUEUE, workflowId, yaml);

      awaitWaiting(run, kind, step);
      first.destroyForcibly().waitFor();

      RehearsalWorker second = restartedWorker(temporal, data);
      try {
        afterRestart.check(run, temporal);
      } finally {
        second.stop();
      }
    }
  }

  private interface AfterRestart {
    void check(RehearsalWorkflow run, PortBoundTemporal temporal) throws Exception;
  }

  /** A fresh worker in this JVM, on the same task queue and data directory as the killed one. */
  private static RehearsalWorker restartedWorker(PortBoundTemporal temporal, Path data) {
    RehearsalWorker worker = new RehearsalWorker(temporal.client(), StandaloneWorker.restartable(), QUEUE,
        new EvidenceStore(data));
    worker.start();
    return worker;
  }

  private static void awaitWaiting(RehearsalWorkflow run, WaitingFor.Kind kind, String step) {
    RehearsalState waiting = awaitState(run, s -> s.waitingFor() != null && s.waitingFor().kind() == kind,
        "step " + step + " to wait (" + kind.wire() + ") on the first worker");
    assertThat(waiting.waitingFor().step()).isEqualTo(step);
    assertThat(RunStates.step(waiting, step).status()).isEqualTo(StepStatus.WAITING);
  }

  private static RehearsalState awaitStatus(RehearsalWorkflow run, RunStatus status, String what) {
    return awaitState(run, s -> s.status() == status, what);
  }

  /** Bounded as a whole: a query no worker answers blocks for its own retries, longer than the wait allows. */
  private static RehearsalState awaitState(RehearsalWorkflow run, Predicate<RehearsalState> done, String what) {
    return Await.answer(() -> Await.value(run::state, done, what), what);
  }

  private static RehearsalState result(RehearsalWorkflow run) {
    try {
      return WorkflowStub.fromTyped(run).getResult(60, TimeUnit.SECONDS, RehearsalState.class);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out waiting for the run to end after its sign-off", e);
    }
  }

  private static ManualCompletion completion(String actor, List<String> roles, String note) {
    return new ManualCompletion(actor, roles, List.of(), "dashboards-reviewed", CompletionOutcome.CONFIRMED, note, List.of());
  }
}
