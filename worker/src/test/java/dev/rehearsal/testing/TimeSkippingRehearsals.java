package dev.rehearsal.testing;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInfo;

/**
 * The time-skipping test service with one worker running the rehearsal workflow and the real step activities
 * (evidence under {@code dir/data}, step environment from {@code workerEnvironment}). It starts runs of release
 * candidate v1.2.3 and, when stopped, records the last run's history if the build asked for it (HistoryRecorder).
 */
public final class TimeSkippingRehearsals {
  private final TestWorkflowEnvironment env;
  private final String queue;
  private RehearsalWorkflow lastRun;

  private TimeSkippingRehearsals(TestWorkflowEnvironment env, String queue) {
    this.env = env;
    this.queue = queue;
  }

  public static TimeSkippingRehearsals start(Path dir, String queue, Map<String, String> workerEnvironment) {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(true).build());
    StepDirs.shared(dir);
    Worker worker = env.newWorker(queue);
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    worker.registerActivitiesImplementations(new StepActivitiesImpl(new EvidenceStore(dir.resolve("data")),
        workerEnvironment::get));
    env.start();
    return new TimeSkippingRehearsals(env, queue);
  }

  public TestWorkflowEnvironment env() {
    return env;
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  public RehearsalWorkflow start(Plan plan, String initiator) {
    RehearsalWorkflow run = client().newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId("rh-" + UUID.randomUUID()).build());
    WorkflowClient.start(run::run, new RehearsalInput(plan, "v1.2.3", Map.of("releaseCandidate", "v1.2.3"), initiator));
    lastRun = run;
    return run;
  }

  /** Records the last run's history as {@code <historyPrefix><test>.json} when asked, then shuts the service down. */
  public void stop(TestInfo test, String historyPrefix) throws Exception {
    HistoryRecorder.recordIfAsked(client(), lastRun, test, historyPrefix);
    env.close();
  }
}
