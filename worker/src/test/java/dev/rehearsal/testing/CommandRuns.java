package dev.rehearsal.testing;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.load.BaselineStore;
import dev.rehearsal.activities.load.LoadActivitiesImpl;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInfo;

/**
 * Runs of plans whose command steps run as real processes (as the steps' own user when the tests run as root) on the
 * SDK's test environment, with an evidence store and baselines under {@code dir}.
 */
public final class CommandRuns implements AutoCloseable {
  private static final String QUEUE = "command-runs";
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final EvidenceStore evidence;
  private RehearsalWorkflow lastRun;

  public CommandRuns(Path dir) {
    StepDirs.shared(dir);
    evidence = new EvidenceStore(dir.resolve("data"));
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    worker.registerActivitiesImplementations(new StepActivitiesImpl(evidence, System::getenv),
        new LoadActivitiesImpl(evidence, new BaselineStore(evidence.dataDir()), System::getenv));
    env.start();
  }

  public EvidenceStore evidence() {
    return evidence;
  }

  /** Starts a plan of one {@code smoke} phase holding {@code steps} (YAML list items). */
  public RehearsalWorkflow start(String steps) {
    String yaml = """
        apiVersion: rehearsal/v1
        name: command-runs
        environment: staging
        phases:
          smoke:
        %s
          signoff: {}
        """.formatted(steps.indent(4).stripTrailing());
    RehearsalWorkflow run = env.getWorkflowClient().newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-" + UUID.randomUUID()).build());
    WorkflowClient.start(run::run, new RehearsalInput(Plans.parse(yaml), "v1", Map.of(), "alice"));
    lastRun = run;
    return run;
  }

  public RehearsalState run(String steps) throws InterruptedException {
    return RunStates.awaitSettled(start(steps));
  }

  /** The last run's history, as JSON. */
  public String history() {
    return env.getWorkflowClient().fetchHistory(io.temporal.client.WorkflowStub.fromTyped(lastRun).getExecution().getWorkflowId())
        .toJson(true);
  }

  /** With {@code -Drehearsal.record-histories=<dir>}, writes the test's last history there (see HistoryReplayTest). */
  public void record(TestInfo test, String prefix) throws java.io.IOException {
    HistoryRecorder.recordIfAsked(env.getWorkflowClient(), lastRun, test, prefix);
  }

  @Override
  public void close() {
    env.close();
  }
}
