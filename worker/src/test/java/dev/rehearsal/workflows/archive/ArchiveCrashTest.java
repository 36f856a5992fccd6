package dev.rehearsal.workflows.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchiveVerifier;
import dev.rehearsal.activities.archive.ChainLink;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.testing.PortBoundTemporal;
import dev.rehearsal.testing.HistoryRecorder;
import dev.rehearsal.testing.ArchivedRun;
import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.StepDirs;
import dev.rehearsal.testing.StandaloneWorker;
import dev.rehearsal.worker.RehearsalWorker;
import dev.rehearsal.workflows.rehearsal.ApprovalRequest;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive is written exactly once even when the worker writing it dies: a worker JVM is SIGKILLed while it
 * hashes the run's evidence for the archive; another worker finishes the archive, and the chain holds the run once.
 */
class ArchiveCrashTest {
  private static final String QUEUE = "archive-crash-test";

  @TempDir Path dir;

  @Test
  void aRunIsArchivedOnceThoughItsArchivingWorkerIsKilledHalfway(TestInfo test) throws Exception {
    Path data = StepDirs.shared(dir).resolve("data");
    try (PortBoundTemporal temporal = new PortBoundTemporal()) {
      String target = temporal.target();
      WorkflowClient client = temporal.client();
      Process first = StandaloneWorker.startJvm(target, QUEUE, data, Map.of(), dir.resolve("first-worker.log"));

      String id = "rh-archived";
      ArchivedRun started = ArchivedRun.start(client, QUEUE, id, "archived");
      ArchiveWorkflow archiver = started.archiver();
      RehearsalWorkflow run = started.run();
      Await.until(() -> run.state().status() == RunStatus.AWAITING_APPROVAL, "the run to await approval");

      // A large artifact (sparse, so it costs no disk) keeps the archiving worker hashing long enough to be caught.
      Path big = data.resolve("evidence").resolve(id).resolve("large-artifact.bin");
      try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
        file.setLength(1L << 30);
      }
      run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), null));
      Await.until(() -> hasOpen(first, big), "the first worker to be hashing the evidence for the archive");
      first.destroyForcibly().waitFor();
      Archive archive = new Archive(data);
      assertThat(archive.links()).as("killed before it could finish").isEmpty();

      RehearsalWorker second = new RehearsalWorker(client, QUEUE, new EvidenceStore(data));
      second.start();
      try {
        ArchiveResult result = WorkflowStub.fromTyped(archiver).getResult(ArchiveResult.class);
        assertThat(result.sequence()).isEqualTo(1);
        assertThat(archive.links()).extracting(ChainLink::runId).containsExactly(id);
        assertThat(archiveAttempts(client, ArchiveWorkflow.idFor(id))).isEqualTo(2);
        assertThat(archive.find(id).orElseThrow().state().status()).isEqualTo(RunStatus.SUCCEEDED);

        // A second archiver for the same run (a retry from anywhere), told the run ended as a run tells its own,
        // finds it archived and writes nothing.
        ArchiveWorkflow again = client.newWorkflowStub(ArchiveWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("archive-again").build());
        WorkflowClient.start(again::archive, new ArchiveInput(id));
        again.runEnded(new RunEnded(id, RunStatus.SUCCEEDED));
        assertThat(WorkflowStub.fromTyped(again).getResult(ArchiveResult.class)).isEqualTo(result);
        assertThat(archive.links()).hasSize(1);

        ArchiveVerifier.Verification verification = new ArchiveVerifier(data).verify();
        assertThat(verification.problems()).isEmpty();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.headManifest()).isEqualTo(result.manifestSha256());
        HistoryRecorder.recordIfAsked(client, archiver, test, "archive-");
      } finally {
        second.stop();
      }
    }
  }

  private static long archiveAttempts(WorkflowClient client, String archiverId) {
    return client.fetchHistory(archiverId).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
        .map(HistoryEvent::getActivityTaskStartedEventAttributes)
        .filter(started -> started.getAttempt() > 0)
        .mapToLong(started -> started.getAttempt())
        .max().orElse(0);
  }

  /** Whether the process has the file open (Linux: its /proc fd links). */
  private static boolean hasOpen(Process process, Path file) {
    try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
      return fds.anyMatch(fd -> {
        try {
          return Files.readSymbolicLink(fd).equals(file.toAbsolutePath());
        } catch (IOException gone) {
          return false;
        }
      });
    } catch (IOException e) {
      return false;
    }
  }
}
