package dev.rehearsal.activities.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.workflows.archive.ArchiveActivities;
import dev.rehearsal.workflows.archive.ArchiveInput;
import dev.rehearsal.workflows.archive.RunClosure;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A keeper's batch of looks answers every run it can, even when looking at one of them fails unexpectedly. */
class CheckClosedAllTest {
  @TempDir Path data;
  private final TestWorkflowEnvironment workflows = TestWorkflowEnvironment.newInstance();
  private final TestActivityEnvironment activities = TestActivityEnvironment.newInstance();

  @WorkflowInterface
  public interface Quick {
    @WorkflowMethod
    void run();
  }

  public static class QuickImpl implements Quick {
    @Override
    public void run() {}
  }

  @AfterEach
  void close() {
    activities.close();
    workflows.close();
  }

  @Test
  void aRunThatCannotBeLookedAtIsLookedAtAgainLaterWhileTheOthersAreAnswered() {
    workflows.newWorker("quick").registerWorkflowImplementationTypes(QuickImpl.class);
    workflows.start();
    WorkflowClient real = workflows.getWorkflowClient();
    Quick closed = real.newWorkflowStub(Quick.class, WorkflowOptions.newBuilder().setTaskQueue("quick").setWorkflowId("rh-closed").build());
    closed.run();

    EvidenceStore evidence = new EvidenceStore(data);
    activities.registerActivitiesImplementations(new ArchiveActivitiesImpl(failingFor("rh-unreachable", real), evidence, new Archive(data)));
    ArchiveActivities looking = activities.newActivityStub(ArchiveActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30)).setHeartbeatTimeout(Duration.ofSeconds(10))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());

    List<RunClosure> looks = looking.checkClosedAll(List.of(
        new ArchiveInput("rh-closed"), new ArchiveInput("rh-unreachable"), new ArchiveInput("rh-unknown")));

    assertThat(looks).containsExactly(
        new RunClosure("rh-closed", true, "COMPLETED"),
        new RunClosure("rh-unreachable", true, RunClosure.OPEN),
        new RunClosure("rh-unknown", false, null));
    assertThat(looks.get(1).stillOpen()).as("the unreachable run is looked at again, not dropped").isTrue();
  }

  /** The real client, except that describing {@code runId} fails as an unreachable server would. */
  private static WorkflowClient failingFor(String runId, WorkflowClient real) {
    return (WorkflowClient) Proxy.newProxyInstance(WorkflowClient.class.getClassLoader(), new Class<?>[] {WorkflowClient.class},
        (proxy, method, args) -> {
          if (method.getName().equals("newUntypedWorkflowStub") && args.length == 1 && runId.equals(args[0])) {
            return Proxy.newProxyInstance(WorkflowStub.class.getClassLoader(), new Class<?>[] {WorkflowStub.class}, (stub, m, a) -> {
              throw new IllegalStateException("UNAVAILABLE: the server did not answer");
            });
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
