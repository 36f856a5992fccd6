package dev.rehearsal.worker.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.testing.StepDirs;
import dev.rehearsal.workflows.rehearsal.ApprovalRequest;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflowImpl;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker tells each run's state as it progresses (step running, sign-off awaited, signed off, ended) without a
 * query, and a replay (here every workflow task replays: no workflow cache) tells nothing twice.
 */
class RunStateFeedTest {
  private static final String QUEUE = "feed-test";
  @TempDir Path dir;

  @Test
  void tellsEachChangeOnceAsTheRunProgresses() {
    List<RehearsalState> told = new CopyOnWriteArrayList<>();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0)
            .setWorkerInterceptors(new RunStateFeed(told::add)).build())
        .build())) {
      StepDirs.shared(dir);
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
      worker.registerActivitiesImplementations(new StepActivitiesImpl(new EvidenceStore(dir.resolve("data")),
          Map.of("PATH", System.getenv("PATH"))::get));
      env.start();
      RehearsalWorkflow run = env.getWorkflowClient().newWorkflowStub(RehearsalWorkflow.class,
          WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-feed").build());
      WorkflowClient.start(run::run, new RehearsalInput(Plans.parse(Plans.shopStaging(
          "preflight: [ { name: ok, command: { run: [\"true\"] } } ]")), "v1", Map.of(), "alice", null));

      Await.until(() -> told.stream().anyMatch(s -> s.status() == RunStatus.AWAITING_APPROVAL), "sign-off awaited, told");
      assertThat(told.get(0).status()).isEqualTo(RunStatus.RUNNING);
      assertThat(told.get(0).steps().get(0).status()).as("told as the step is scheduled").isEqualTo(StepStatus.RUNNING);
      assertThat(run.state().status()).isEqualTo(RunStatus.AWAITING_APPROVAL); // a query, replayed without a cache
      run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), null));
      RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

      RehearsalState last = told.get(told.size() - 1);
      assertThat(last.status()).isEqualTo(end.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(last.finishedAt()).isNotNull().isEqualTo(end.finishedAt());
      assertThat(told.stream().filter(s -> s.status() == RunStatus.AWAITING_APPROVAL))
          .as("sign-off awaited, told once despite replays").hasSize(1);
      assertThat(told).extracting(RehearsalState::status).containsSubsequence(RunStatus.RUNNING,
          RunStatus.AWAITING_APPROVAL, RunStatus.SUCCEEDED);
    }
  }
}
