package dev.rehearsal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.testing.PortBoundTemporal;
import dev.rehearsal.testing.StandaloneWorker;
import dev.rehearsal.testing.StepDirs;
import dev.rehearsal.workflows.rehearsal.CompletionOutcome;
import dev.rehearsal.workflows.rehearsal.FailureAction;
import dev.rehearsal.workflows.rehearsal.FailureDecisionRequest;
import dev.rehearsal.workflows.rehearsal.ManualCompletion;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import dev.rehearsal.workflows.rehearsal.WaitingFor;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waits for people survive their worker: the worker JVM is SIGKILLed while a manual step waits for its person, and
 * again while a failed step waits for a decision; a new worker takes the completion and the decision, and the steps
 * that had finished do not run again.
 */
class PersonWaitCrashTest {
  private static final String QUEUE = "person-wait-crash-test";

  @TempDir Path dir;

  @Test
  void aManualStepAndAFailureDecisionOutliveTheWorkerThatWasWaiting() throws Exception {
    Path effects = dir.resolve("side-effects.log");
    Path data = StepDirs.shared(dir).resolve("data");
    try (PortBoundTemporal temporal = new PortBoundTemporal()) {
      WorkflowClient client = temporal.client();
      Process first = StandaloneWorker.startJvm(temporal.target(), QUEUE, data, Map.of(), dir.resolve("first-worker.log"));
      RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
          WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-person-crash").build());
      WorkflowClient.start(run::run, new RehearsalInput(Plans.parse("""
          apiVersion: rehearsal/v1
          name: person-crash
          environment: staging
          defaults: { heartbeatTimeout: 5s, retry: { maxAttempts: 1, initialInterval: 100ms } }
          phases:
            preflight: [ { name: before, command: { run: [sh, -c, "echo before >> %1$s"] } } ]
            smoke:
              - name: dashboards-reviewed
                manual: { instructions: "Look at the dashboard.", by: { role: ENGINEER }, timeout: 1h }
              - name: flaky
                onFailure: ask
                command: { run: [sh, -c, "echo flaky >> %1$s; exit 3"] }
            signoff: {}
          """.formatted(effects)), "v1", Map.of(), "alice"));

      Await.until(() -> waiting(run, WaitingFor.Kind.MANUAL), "the manual step to wait on the first worker");
      first.destroyForcibly().waitFor();

      RehearsalWorker second = new RehearsalWorker(client, QUEUE, new EvidenceStore(data));
      second.start();
      try {
        run.completeManualStep(new ManualCompletion("bob", List.of("ENGINEER"), List.of(), "dashboards-reviewed",
            CompletionOutcome.CONFIRMED, "queue depth flat", List.of()));
        Await.until(() -> waiting(run, WaitingFor.Kind.DECISION), "the failed step to wait for a decision");
        second.stop();

        RehearsalWorker third = new RehearsalWorker(client, QUEUE, new EvidenceStore(data));
        third.start();
        try {
          run.decideFailure(new FailureDecisionRequest("carol", List.of("ENGINEER"), "flaky", FailureAction.SKIP,
              "known flake, ticket OPS-12"));
          Await.until(() -> run.state().status() == RunStatus.AWAITING_APPROVAL, "the run to reach sign-off");
          RehearsalState state = run.state();

          assertThat(state.steps()).extracting(StepState::status)
              .containsExactly(StepStatus.SUCCEEDED, StepStatus.SUCCEEDED, StepStatus.SKIPPED);
          List<String> lines = Files.readAllLines(effects);
          assertThat(Collections.frequency(lines, "before")).as("the finished step did not run again").isEqualTo(1);
          assertThat(Collections.frequency(lines, "flaky")).isEqualTo(1);
          assertThat(state.waitingFor()).isNull();
        } finally {
          third.stop();
        }
      } finally {
        second.stop();
      }
    }
  }

  private static boolean waiting(RehearsalWorkflow run, WaitingFor.Kind kind) {
    WaitingFor waiting = run.state().waitingFor();
    return waiting != null && waiting.kind() == kind;
  }
}
