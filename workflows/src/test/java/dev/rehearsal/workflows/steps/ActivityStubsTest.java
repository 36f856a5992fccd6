package dev.rehearsal.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Steps share a stub only where their options are the same, so each step still runs with its own timeout. */
class ActivityStubsTest {
  private static final String QUEUE = "activity-stubs";

  @ActivityInterface
  public interface Sleeper {
    String sleep(long millis);
  }

  public static class SleeperImpl implements Sleeper {
    @Override
    public String sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "slept " + millis;
    }
  }

  @WorkflowInterface
  public interface Steps {
    @WorkflowMethod
    List<String> run();
  }

  public static class StepsImpl implements Steps {
    @Override
    public List<String> run() {
      ActivityOptions patient = options(Duration.ofSeconds(30));
      ActivityOptions hasty = options(Duration.ofMillis(300));
      List<String> seen = new ArrayList<>();
      seen.add("same options share a stub: " + (ActivityStubs.of(Sleeper.class, patient) == ActivityStubs.of(Sleeper.class, options(Duration.ofSeconds(30)))));
      seen.add("other options get their own: " + (ActivityStubs.of(Sleeper.class, patient) != ActivityStubs.of(Sleeper.class, hasty)));
      seen.add(ActivityStubs.of(Sleeper.class, patient).sleep(1000));
      try {
        seen.add(ActivityStubs.of(Sleeper.class, hasty).sleep(1000));
      } catch (ActivityFailure timedOut) {
        seen.add("timed out");
      }
      seen.add(ActivityStubs.of(Sleeper.class, patient).sleep(1000));
      return seen;
    }

    private static ActivityOptions options(Duration startToClose) {
      return ActivityOptions.newBuilder().setStartToCloseTimeout(startToClose)
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build();
    }
  }

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void eachStepRunsWithItsOwnOptionsWhileEqualOptionsShareOneStub() {
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(StepsImpl.class);
    worker.registerActivitiesImplementations(new SleeperImpl());
    env.start();

    List<String> seen = env.getWorkflowClient()
        .newWorkflowStub(Steps.class, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build()).run();

    assertThat(seen).containsExactly("same options share a stub: true", "other options get their own: true",
        "slept 1000", "timed out", "slept 1000");
  }
}
