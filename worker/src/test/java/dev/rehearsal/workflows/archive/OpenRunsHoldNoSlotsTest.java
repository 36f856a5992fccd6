package dev.rehearsal.workflows.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchiveActivitiesImpl;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.testing.ArchivedRun;
import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.HistoryRecorder;
import dev.rehearsal.worker.RehearsalWorker;
import dev.rehearsal.workflows.rehearsal.ApprovalRequest;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waiting for a run to close costs its archiver no activity slot and no thread: with four times as many runs awaiting
 * sign-off as the worker has activity slots, every run still runs its steps, and the ones signed off are archived at
 * once, on their own word.
 */
class OpenRunsHoldNoSlotsTest {
  private static final String QUEUE = "open-runs-test";
  private static final int SLOTS = 10;
  private static final int RUNS = 40;

  @TempDir Path dir;
  private EvidenceStore evidence;
  private TestWorkflowEnvironment env;
  private RehearsalWorker worker;

  @BeforeEach
  void evidence() {
    evidence = new EvidenceStore(dir.resolve("data"));
  }

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.stop();
    }
    if (env != null) {
      env.close();
    }
  }

  /** The production worker with {@value #SLOTS} activity slots, on an in-memory Temporal. */
  private WorkflowClient start(boolean timeSkipping) {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(timeSkipping).build());
    WorkflowClient client = env.getWorkflowClient();
    worker = new RehearsalWorker(client, WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(SLOTS).build(),
        QUEUE, evidence);
    worker.start();
    return client;
  }

  @Test
  void runsBeyondTheActivitySlotsStillReachSignOffAndAreArchivedWhenSignedOff(TestInfo test) throws Exception {
    WorkflowClient client = start(false);

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      String id = "rh-open-" + i;
      ArchivedRun.start(client, QUEUE, id, "open-runs");
      ids.add(id);
    }
    for (String id : ids) {
      RehearsalState waiting = Await.value(() -> run(client, id).state(), s -> s.status() == RunStatus.AWAITING_APPROVAL,
          id + " to await sign-off");
      assertThat(waiting.steps()).extracting(s -> s.status()).containsOnly(StepStatus.SUCCEEDED);
    }
    for (String id : ids) {
      assertThat(client.newUntypedWorkflowStub(ArchiveWorkflow.idFor(id)).describe().getRawDescription().getPendingActivitiesCount())
          .as("activities the archiver of %s holds while its run is open", id).isZero();
    }
    assertThat(threadsIn(ArchiveActivitiesImpl.class)).as("worker threads busy for archivers").isZero();

    Archive archive = new Archive(evidence.dataDir());
    List<String> signedOff = ids.subList(0, 5);
    for (String id : signedOff) {
      run(client, id).decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), null));
    }
    for (String id : signedOff) {
      ArchiveResult archived = WorkflowStub.fromTyped(archiver(client, id)).getResult(ArchiveResult.class);
      assertThat(archived.archived()).isTrue();
      assertThat(archive.find(id).orElseThrow().state().status()).isEqualTo(RunStatus.SUCCEEDED);
    }
    assertThat(archive.links()).hasSize(signedOff.size());
    assertThat(run(client, ids.get(RUNS - 1)).state().status()).as("the rest still await sign-off").isEqualTo(RunStatus.AWAITING_APPROVAL);

    HistoryRecorder.recordIfAsked(client, archiver(client, signedOff.get(0)), test, "archive-");
    HistoryRecorder.recordIfAsked(client, run(client, signedOff.get(0)), test, "run-");
  }

  @Test
  void anArchiverWhoseRunNeverStartedGivesUpAfterTheGrace(TestInfo test) throws Exception {
    WorkflowClient client = start(true);
    ArchiveWorkflow archiver = client.newWorkflowStub(ArchiveWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(ArchiveWorkflow.idFor("rh-never")).build());

    assertThat(archiver.archive(new ArchiveInput("rh-never"))).isEqualTo(ArchiveResult.neverStarted("rh-never"));
    assertThat(new Archive(evidence.dataDir()).links()).isEmpty();
    HistoryRecorder.recordIfAsked(client, archiver, test, "archive-");
  }

  private static ArchiveWorkflow archiver(WorkflowClient client, String id) {
    return client.newWorkflowStub(ArchiveWorkflow.class, ArchiveWorkflow.idFor(id));
  }

  private static RehearsalWorkflow run(WorkflowClient client, String id) {
    return client.newWorkflowStub(RehearsalWorkflow.class, id);
  }

  private static long threadsIn(Class<?> type) {
    return Thread.getAllStackTraces().values().stream()
        .filter(stack -> Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(type.getName())))
        .count();
  }
}
