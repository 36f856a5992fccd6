package dev.rehearsal.workflows.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchiveVerifier;
import dev.rehearsal.activities.archive.ChainLink;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.HistoryRecorder;
import dev.rehearsal.testing.KeptRun;
import dev.rehearsal.worker.RehearsalWorker;
import dev.rehearsal.workflows.rehearsal.ApprovalRequest;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few long-lived archive keepers archive every run, whatever its end: on the run's own word, after a look for runs
 * ended from outside, never for runs that never started; across the keeper's continue-as-new, without losing a signal.
 */
class ArchiveKeeperTest {
  private static final String QUEUE = "archive-keeper-test";

  @TempDir Path dir;
  private EvidenceStore evidence;
  private Archive archive;
  private TestWorkflowEnvironment env;
  private RehearsalWorker worker;
  private WorkflowClient client;

  @BeforeEach
  void evidence() {
    evidence = new EvidenceStore(dir.resolve("data"));
    archive = new Archive(evidence.dataDir());
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

  /** The production worker on an in-memory Temporal. */
  private ArchiveKeepers start(boolean timeSkipping, int keepers) {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(timeSkipping).build());
    client = env.getWorkflowClient();
    worker = new RehearsalWorker(client, WorkerOptions.getDefaultInstance(), QUEUE, evidence);
    worker.start();
    return new ArchiveKeepers(client, QUEUE, keepers);
  }

  @Test
  void aRunThatTellsItsKeeperItEndedIsArchived(TestInfo test) throws Exception {
    ArchiveKeepers keepers = start(false, ArchiveKeepers.DEFAULT_COUNT);
    String id = "rh-told";
    RehearsalWorkflow run = KeptRun.start(keepers, id, "told");
    Await.until(() -> run.state().status() == RunStatus.AWAITING_APPROVAL, "the run to await approval");

    run.decide(approve());
    Await.until(() -> archive.find(id).isPresent(), "the run to be archived");
    assertThat(archive.find(id).orElseThrow().state().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(archive.links()).extracting(ChainLink::runId).containsExactly(id);
    String keeper = keepers.keeperOf(id);
    assertThat(signals(keeper)).as("what the keeper heard").containsExactly("watch", "runEnded");
    assertThat(client.newUntypedWorkflowStub(keeper).describe().getRawDescription().getPendingActivitiesCount())
        .as("activities the keeper holds once its run is archived").isZero();
    assertThat(exists(ArchiveWorkflow.idFor(id))).as("a per-run archiver").isFalse();

    HistoryRecorder.recordIfAsked(client, client.newWorkflowStub(ArchiveKeeperWorkflow.class, keeper), test, "keeper-");
    HistoryRecorder.recordIfAsked(client, run, test, "run-");
  }

  @Test
  void runsTerminatedFromOutsideAreArchivedAfterALookEvenAcrossAContinueAsNew(TestInfo test) throws Exception {
    ArchiveKeepers keepers = start(false, 1);
    // A short history: registering the runs below makes the keeper continue as new, carrying what it watches; and
    // a first look after 3 s rather than a minute.
    startKeeper(12, 3_000L);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = "rh-terminated-" + i;
      RehearsalWorkflow run = KeptRun.start(keepers, id, "terminated");
      Await.until(() -> run.state().status() == RunStatus.AWAITING_APPROVAL, id + " to await approval");
      WorkflowStub.fromTyped(run).terminate("ended from outside");
      ids.add(id);
    }
    assertThat(keeperRuns(keepers.keeperOf(ids.get(0)))).as("keeper runs so far").isGreaterThan(1);

    for (String id : ids) {
      Await.until(() -> archive.find(id).isPresent(), id + " to be archived after a look");
      assertThat(archive.find(id).orElseThrow().state().status()).isEqualTo(RunStatus.FAILED);
    }
    assertThat(archive.links()).extracting(ChainLink::runId).containsExactlyInAnyOrderElementsOf(ids);
    HistoryRecorder.recordIfAsked(client, client.newWorkflowStub(ArchiveKeeperWorkflow.class, keepers.keeperOf(ids.get(0))), test, "keeper-");
  }

  @Test
  void anIdleKeeperLooksAtTheNextRunRegisteredWithIt() {
    ArchiveKeepers keepers = start(false, 1);
    // The default history limit: nothing else (no continue-as-new) wakes the keeper; a first look after 2 s.
    startKeeper(null, 2_000L);
    RehearsalWorkflow told = KeptRun.start(keepers, "rh-idle-first", "idle");
    Await.until(() -> told.state().status() == RunStatus.AWAITING_APPROVAL, "the first run to await approval");
    told.decide(approve());
    Await.until(() -> archive.find("rh-idle-first").isPresent(), "the first run to be archived");

    // The keeper now watches nothing; the next run is ended from outside, so only a look can find it.
    RehearsalWorkflow terminated = KeptRun.start(keepers, "rh-idle-next", "idle");
    Await.until(() -> terminated.state().status() == RunStatus.AWAITING_APPROVAL, "the next run to await approval");
    WorkflowStub.fromTyped(terminated).terminate("ended from outside");
    Await.until(() -> archive.find("rh-idle-next").isPresent(), "the next run to be archived after a look");
    assertThat(archive.find("rh-idle-next").orElseThrow().state().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void aRunWhoseKeeperIsGoneStartsItsOwnArchiverAndIsArchived(TestInfo test) throws Exception {
    ArchiveKeepers keepers = start(true, 1);
    String id = "rh-keeper-gone";
    RehearsalWorkflow run = KeptRun.start(keepers, id, "keeper-gone");
    Await.until(() -> run.state().status() == RunStatus.AWAITING_APPROVAL, "the run to await approval");
    // Terminated (or reset): what it watched is lost, and the run's word that it ended reaches nobody.
    client.newUntypedWorkflowStub(keepers.keeperOf(id)).terminate("gone");

    run.decide(approve());
    WorkflowStub.fromTyped(run).getResult(RehearsalState.class);
    assertThat(exists(ArchiveWorkflow.idFor(id))).as("the run's own archiver, started as it ended").isTrue();
    env.sleep(Duration.ofMinutes(2));
    Await.until(() -> archive.find(id).isPresent(), "the run to be archived by its own archiver");
    assertThat(archive.find(id).orElseThrow().state().status()).isEqualTo(RunStatus.SUCCEEDED);
    HistoryRecorder.recordIfAsked(client, run, test, "run-");
  }

  @Test
  void manyFirstRegistrationsAtOnceAllReachTheOneKeeper() {
    ArchiveKeepers keepers = start(false, 1);
    List<String> ids = java.util.stream.IntStream.range(0, 32).mapToObj(i -> "rh-racing-" + i).toList();
    ids.parallelStream().forEach(keepers::register);
    // Signals that arrive during a workflow task join the history after it: wait for all of them.
    Await.until(() -> watched(keepers.keeperOf(ids.get(0))).size() >= ids.size(), "every watch in the keeper's history");
    assertThat(watched(keepers.keeperOf(ids.get(0)))).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(keeperRuns(keepers.keeperOf(ids.get(0)))).as("keeper runs").isEqualTo(1);
  }

  @Test
  void aRunThatNeverStartedIsDroppedAfterTheGraceWithNothingWritten() {
    ArchiveKeepers keepers = start(true, 1);
    keepers.register("rh-never");
    String keeper = keepers.keeperOf("rh-never");

    env.sleep(Duration.ofMinutes(4));
    long looks = looks(keeper);
    assertThat(looks).as("looks at 1 and 3 minutes").isEqualTo(2);
    env.sleep(Duration.ofHours(2));
    assertThat(looks(keeper)).as("looks once the run is dropped").isEqualTo(looks);
    assertThat(archive.links()).isEmpty();
  }

  @Test
  void continueAsNewLosesNoSignalAndEveryRunEndingAtOnceIsArchivedInOneChain() {
    ArchiveKeepers keepers = start(false, 1);
    // No look before a day has passed: every run below is archived on its own word alone, none found by a look.
    startKeeper(60, Duration.ofDays(1).toMillis());
    int runs = 120;
    List<RehearsalWorkflow> started = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      started.add(KeptRun.start(keepers, "rh-many-" + i, "many"));
    }
    for (RehearsalWorkflow run : started) {
      Await.until(() -> run.state().status() == RunStatus.AWAITING_APPROVAL, "every run to await approval");
    }
    // Every approval at once: the runs' signals reach the keeper while it continues as new, again and again.
    started.parallelStream().forEach(run -> run.decide(approve()));
    for (int i = 0; i < runs; i++) {
      String id = "rh-many-" + i;
      Await.until(() -> archive.find(id).isPresent(), id + " to be archived");
    }
    List<ChainLink> links = archive.links();
    assertThat(links).hasSize(runs);
    assertThat(links).extracting(ChainLink::sequence).containsExactlyElementsOf(LongStream.rangeClosed(1, runs).boxed().toList());
    assertThat(links).extracting(ChainLink::runId).doesNotHaveDuplicates();
    ArchiveVerifier.Verification verification = new ArchiveVerifier(evidence.dataDir()).verify();
    assertThat(verification.problems()).isEmpty();
    assertThat(keeperRuns(keepers.keeperOf("rh-many-0"))).as("keeper runs").isGreaterThan(3);
    assertThat(chain(keepers.keeperOf("rh-many-0")).stream().mapToLong(ArchiveKeeperTest::looks).sum())
        .as("looks across the keeper's runs").isZero();
  }

  @Test
  void aKeeperLooksArchivesAndContinuesAsNew(TestInfo test) throws Exception {
    ArchiveKeepers keepers = start(false, 1);
    startKeeper(40, 2_000L);
    String id = "rh-looked-at";
    RehearsalWorkflow run = KeptRun.start(keepers, id, "looked-at");
    Await.until(() -> run.state().status() == RunStatus.AWAITING_APPROVAL, "the run to await approval");
    WorkflowStub.fromTyped(run).terminate("ended from outside");
    Await.until(() -> archive.find(id).isPresent(), "the run to be archived after a look");
    String keeper = keepers.keeperOf(id);
    // More registrations fill the keeper's history past its limit (each adds at least one event); then it
    // continues as new. Bounded: an endless stream of signals would keep refusing the keeper's continue-as-new.
    for (int i = 0; i < 40; i++) {
      keepers.register("rh-filler-" + i);
    }
    Await.until(() -> keeperRuns(keeper) > 1, "the keeper to continue as new");

    WorkflowExecutionHistory first = chain(keeper).get(0);
    assertThat(looks(first)).as("looks in the keeper's first run").isPositive();
    assertThat(first.getLastEvent().getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    HistoryRecorder.recordIfAsked(first, test, "keeper-");
  }

  private void startKeeper(Integer historyLimit, Long firstLookMillis) {
    ArchiveKeeperWorkflow keeper = client.newWorkflowStub(ArchiveKeeperWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(ArchiveKeeperWorkflow.idFor(0)).build());
    WorkflowClient.start(keeper::keep, new KeeperInput(List.of(), List.of(), historyLimit, firstLookMillis));
  }

  private static ApprovalRequest approve() {
    return new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), null);
  }

  private List<String> signals(String workflowId) {
    return events(workflowId).stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .map(e -> e.getWorkflowExecutionSignaledEventAttributes().getSignalName()).toList();
  }

  private List<String> watched(String workflowId) {
    return events(workflowId).stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .map(e -> io.temporal.common.converter.DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
            e.getWorkflowExecutionSignaledEventAttributes().getInput().getPayloads(0), String.class, String.class))
        .toList();
  }

  private long looks(String workflowId) {
    return looks(client.fetchHistory(workflowId));
  }

  private static long looks(WorkflowExecutionHistory history) {
    return history.getEvents().stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .filter(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("ArchiveCheckClosedAll"))
        .count();
  }

  /** How many runs the keeper has had: each continue-as-new starts one more. */
  private long keeperRuns(String workflowId) {
    return chain(workflowId).size();
  }

  /** The histories of the keeper's runs, first to current. */
  private List<WorkflowExecutionHistory> chain(String workflowId) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    WorkflowExecutionHistory run = client.fetchHistory(workflowId);
    runs.add(0, run);
    String previous = run.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
    while (!previous.isEmpty()) {
      run = client.fetchHistory(workflowId, previous);
      runs.add(0, run);
      previous = run.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
    }
    return runs;
  }

  private List<HistoryEvent> events(String workflowId) {
    return client.fetchHistory(workflowId).getEvents();
  }

  private boolean exists(String workflowId) {
    try {
      client.newUntypedWorkflowStub(workflowId).describe();
      return true;
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      return false;
    }
  }
}
