package dev.rehearsal.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.process.StepIsolation;
import dev.rehearsal.activities.secrets.WorkerSecrets;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.workflows.rehearsal.CancelRequest;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflowImpl;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10, finding 6: a worker that cannot isolate steps (not root, on a laptop) says so in every command step. */
class NotIsolatedStepTest {
  private static final String QUEUE = "not-isolated-test";

  @TempDir Path dir;
  private TestWorkflowEnvironment env;

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aStepThatRanWithoutIsolationSaysSoInItsEvidenceAndSummary() {
    env = TestWorkflowEnvironment.newInstance();
    EvidenceStore evidence = new EvidenceStore(dir.resolve("data"));
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    worker.registerActivitiesImplementations(new StepActivitiesImpl(evidence,
        WorkerSecrets.unrestricted(Map.of("PATH", System.getenv("PATH"))::get),
        StepIsolation.none("the worker does not run as root, so it cannot run steps as another user")));
    env.start();
    RehearsalWorkflow run = env.getWorkflowClient().newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-" + UUID.randomUUID()).build());
    WorkflowClient.start(run::run, new RehearsalInput(Plans.parse("""
        apiVersion: rehearsal/v1
        name: laptop
        environment: dev
        phases:
          smoke: [ { name: hello, command: { run: [echo, hello] } } ]
          signoff: {}
        """), "v1", Map.of(), "alice"));

    RehearsalState state = Await.value(run::state, s -> s.status() != RunStatus.RUNNING, "the step to end");
    run.cancel(new CancelRequest("alice", "done"));

    assertThat(state.steps().get(0).summary()).startsWith("exit 0 in ")
        .endsWith(": hello [not isolated: the worker does not run as root, so it cannot run steps as another user]");
    assertThat(state.steps().get(0).evidence().get(0).name()).isEqualTo("hello.a1.not-isolated.txt");
    assertThat(new String(evidence.read(state.id(), "hello.a1.not-isolated.txt"), StandardCharsets.UTF_8))
        .startsWith("This step ran WITHOUT isolation: the worker does not run as root");
  }
}
