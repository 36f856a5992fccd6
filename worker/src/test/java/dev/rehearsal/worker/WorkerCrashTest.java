package dev.rehearsal.worker;

import static dev.rehearsal.testing.SideEffects.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.testing.PortBoundTemporal;
import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.StepDirs;
import dev.rehearsal.testing.StandaloneWorker;
import dev.rehearsal.workflows.rehearsal.ApprovalRequest;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: a worker JVM is killed (SIGKILL, with the command it was running) in the middle of a step; a new
 * worker finishes the run, and the steps that had finished are not run again.
 */
class WorkerCrashTest {
  private static final String QUEUE = "crash-test";

  @TempDir Path dir;

  @Test
  void aRunSurvivesItsWorkerBeingKilledMidStep() throws Exception {
    Path sideEffects = dir.resolve("side-effects.log");
    Path data = StepDirs.shared(dir).resolve("data");
    try (PortBoundTemporal temporal = new PortBoundTemporal()) {
      String target = temporal.target();
      WorkflowClient client = temporal.client();

      Process first = StandaloneWorker.startJvm(target, QUEUE, data, Map.of(), dir.resolve("first-worker.log"));
      RehearsalWorkflow run = temporal.startRun(QUEUE, "rh-crash", """
          apiVersion: rehearsal/v1
          name: crash
          environment: staging
          defaults: { heartbeatTimeout: 5s, retry: { initialInterval: 100ms } }
          phases:
            snapshot: [ { name: before, command: { run: [sh, -c, "echo before >> %1$s"] } } ]
            restore:  [ { name: slow-restore, command: { run: [sh, -c, "echo restore-started >> %1$s; sleep 4; echo restore-finished >> %1$s"] } } ]
            smoke:    [ { name: after, command: { run: [sh, -c, "echo after >> %1$s"] } } ]
            signoff: {}
          """.formatted(sideEffects));

      Await.until(() -> lines(sideEffects).contains("restore-started"), "the slow step to start on the first worker");
      // Only the worker's JVM: the step it was running must die with it (or it would write restore-finished twice).
      first.destroyForcibly().waitFor();
      assertThat(lines(sideEffects)).doesNotContain("restore-finished");

      RehearsalWorker second = new RehearsalWorker(client, QUEUE, new EvidenceStore(data));
      second.start();
      try {
        Await.until(() -> run.state().status() == RunStatus.AWAITING_APPROVAL, "the second worker to finish the steps");
        run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), null));
        RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

        assertThat(end.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(end.steps()).extracting(StepState::attempts).containsExactly(1, 2, 1);
        List<String> effects = lines(sideEffects);
        assertThat(Collections.frequency(effects, "before")).isEqualTo(1);
        assertThat(Collections.frequency(effects, "restore-started")).isEqualTo(2);
        assertThat(Collections.frequency(effects, "restore-finished")).isEqualTo(1);
        assertThat(Collections.frequency(effects, "after")).isEqualTo(1);
      } finally {
        second.stop();
      }
    }
  }

  /** A step waiting with {@code until}: the new worker's attempt resumes the wait (its poll count), not a fresh one. */
  @Test
  void aWaitSurvivesItsWorkerBeingKilledAndCarriesOnCounting() throws Exception {
    Path polls = dir.resolve("polls.log");
    Path done = dir.resolve("job.done");
    Path data = StepDirs.shared(dir).resolve("data");
    try (PortBoundTemporal temporal = new PortBoundTemporal()) {
      String target = temporal.target();
      WorkflowClient client = temporal.client();

      Process first = StandaloneWorker.startJvm(target, QUEUE, data, Map.of(), dir.resolve("first-worker.log"));
      RehearsalWorkflow run = temporal.startRun(QUEUE, "rh-crash-wait", """
          apiVersion: rehearsal/v1
          name: crash-wait
          environment: staging
          defaults: { heartbeatTimeout: 5s, retry: { initialInterval: 100ms } }
          phases:
            smoke:
              - name: job-done
                command: { run: [sh, -c, "echo poll >> %s; test -f %s"] }
                until: { timeout: 2m, every: 1s }
            signoff: {}
          """.formatted(polls, done));

      // Heartbeats reach the server at most every 4s (0.8 of the heartbeat timeout): poll long enough for a few.
      Await.until(() -> lines(polls).size() >= 10, "the first worker to poll for a while");
      first.destroyForcibly().waitFor();
      int before = lines(polls).size();
      Files.writeString(done, "done");

      RehearsalWorker second = new RehearsalWorker(client, QUEUE, new EvidenceStore(data));
      second.start();
      try {
        Await.until(() -> run.state().status() == RunStatus.AWAITING_APPROVAL, "the second worker to see the job done");
        StepState job = run.state().steps().get(0);

        assertThat(job.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(job.attempts()).isEqualTo(2);
        int heldAt = Integer.parseInt(job.summary().replaceAll(".*\\(held at poll ([0-9]+) after.*", "$1"));
        // A fresh wait would hold at its first poll: the job was done before the second worker started.
        assertThat(heldAt).as("the poll count carried on from the first worker's heartbeats").isGreaterThanOrEqualTo(4);
        assertThat(lines(polls).size() - before).as("the second worker polled only until the job was done").isEqualTo(1);
      } finally {
        second.stop();
      }
    }
  }
}
