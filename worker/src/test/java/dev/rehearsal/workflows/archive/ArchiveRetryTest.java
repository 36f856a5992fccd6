package dev.rehearsal.workflows.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run whose archive fails for good is not dropped: its keeper archives it again after a pause. */
class ArchiveRetryTest {
  private static final String QUEUE = "archive-retry-test";
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  /** Every run is closed; the first archive fails, marked not to be retried, and later ones succeed. */
  static final class FailingOnce implements ArchiveActivities {
    final AtomicInteger archives = new AtomicInteger();

    @Override
    public RunClosure checkClosed(ArchiveInput input) {
      return new RunClosure(input.runId(), true, "COMPLETED");
    }

    @Override
    public List<RunClosure> checkClosedAll(List<ArchiveInput> inputs) {
      return inputs.stream().map(this::checkClosed).toList();
    }

    @Override
    public RunClosure awaitClose(ArchiveInput input) {
      return checkClosed(input);
    }

    @Override
    public ArchiveResult archive(ArchiveInput input) {
      if (archives.incrementAndGet() == 1) {
        throw ApplicationFailure.newNonRetryableFailure("the archive refused it", "ArchiveRefused");
      }
      return new ArchiveResult(input.runId(), 1, "sha", null);
    }
  }

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void anArchiveThatFailedForGoodIsTriedAgainAfterAPause() {
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(ArchiveKeeperWorkflowImpl.class);
    FailingOnce activities = new FailingOnce();
    worker.registerActivitiesImplementations(activities);
    env.start();
    ArchiveKeeperWorkflow keeper = env.getWorkflowClient().newWorkflowStub(ArchiveKeeperWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(ArchiveKeeperWorkflow.idFor(0)).build());
    WorkflowClient.start(keeper::keep, new KeeperInput(List.of(), List.of(new RunClosure("rh-refused", true, "COMPLETED")), null, null));

    env.sleep(Duration.ofMinutes(1));
    assertThat(activities.archives.get()).as("archives tried in the first minute").isEqualTo(1);
    env.sleep(Duration.ofMinutes(10));
    assertThat(activities.archives.get()).as("archives tried once the pause is over").isEqualTo(2);
    env.sleep(Duration.ofHours(1));
    assertThat(activities.archives.get()).as("archives tried once one succeeded").isEqualTo(2);
  }
}
