package dev.rehearsal.api.rehearsals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.testing.Await;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list's view of open runs: however often it is asked for while runs are busy starting, each open run is asked
 * for its state once at a time, and a list shows the last known status rather than waiting on a slow answer.
 */
class CurrentRunsTest {
  @TempDir Path data;

  @Test
  void manyListsWhileRunsAreSlowToAnswerAskEachRunOnceAndDoNotWait() throws Exception {
    List<RunSummary> indexed = IntStream.range(0, 50)
        .mapToObj(i -> RunSummary.started("rh-" + i, "busy", "staging", "v1", "alice", Instant.EPOCH)).toList();
    AtomicInteger asked = new AtomicInteger();
    CountDownLatch slow = new CountDownLatch(1);
    Function<RunSummary, RunSummary> live = run -> {
      asked.incrementAndGet();
      try {
        slow.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return run.id().equals("rh-7") ? null : awaiting(run);
    };
    try (CurrentRuns runs = new CurrentRuns(new Archive(data), false)) {
      for (int list = 0; list < 8; list++) {
        Map<String, RunSummary> now = runs.of(indexed, live);
        assertThat(now).hasSize(50);
        assertThat(now.values()).allSatisfy(run -> assertThat(run.status()).isEqualTo(RunStatus.RUNNING));
      }
      slow.countDown();
      // Only a list asks; none runs until the questions already asked are answered.
      Await.until(() -> asked.get() >= 50, "the questions the lists asked");
      Thread.sleep(200);
      assertThat(asked.get()).as("questions for 50 runs over 8 lists").isEqualTo(50);

      Map<String, RunSummary> answered = Await.value(() -> runs.of(indexed, live), now -> now.size() == 49, "the answers");
      assertThat(answered).as("a run Temporal does not know is left out").doesNotContainKey("rh-7");
      assertThat(answered.values()).allSatisfy(run -> assertThat(run.status()).isEqualTo(RunStatus.AWAITING_APPROVAL));
    }
  }

  @Test
  void aRunThatToldItsSignOffBeforeItsStartReturnedStaysAtSignOff() throws Exception {
    RunSummary indexed = RunSummary.started("rh-quick", "quick", "staging", "v1", "alice", Instant.EPOCH);
    try (CurrentRuns runs = new CurrentRuns(new Archive(data), true)) {
      // The worker tells the sign-off while the API's start call is still on its way back.
      runs.saw(new RehearsalState("rh-quick", "quick", "staging", "v1", "alice", Map.of(), RunStatus.AWAITING_APPROVAL,
          null, Instant.EPOCH, null, List.of(), List.of(), null, null, null, null, null, null, null));
      runs.started(indexed);
      assertThat(runs.of(List.of(indexed), run -> {
        throw new AssertionError("a fed list asks no run");
      }).get("rh-quick").status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    }
  }

  @Test
  void aRunBeingStartedIsListedRunningWithoutAskingTemporal() {
    RunSummary indexed = RunSummary.started("rh-starting", "busy", "staging", "v1", "alice", Instant.EPOCH);
    try (CurrentRuns runs = new CurrentRuns(new Archive(data), true)) {
      // Indexed, its start call not returned yet: a list shows it at once instead of waiting to ask it.
      runs.started(indexed);
      long begun = System.nanoTime();
      RunSummary listed = runs.of(List.of(indexed), run -> {
        throw new AssertionError("a run being started is not asked for");
      }).get("rh-starting");
      assertThat(listed.status()).isEqualTo(RunStatus.RUNNING);
      assertThat((System.nanoTime() - begun) / 1_000_000).as("ms the list took").isLessThan(CurrentRuns.WAIT.toMillis());
    }
  }

  @Test
  void aRunWhoseStartFailedIsAskedForAndLeftOutUnlessItToldSomething() {
    RunSummary failed = RunSummary.started("rh-failed", "busy", "staging", "v1", "alice", Instant.EPOCH);
    RunSummary told = RunSummary.started("rh-told", "quick", "staging", "v1", "alice", Instant.EPOCH);
    try (CurrentRuns runs = new CurrentRuns(new Archive(data), true)) {
      runs.started(failed);
      runs.started(told);
      runs.saw(new RehearsalState("rh-told", "quick", "staging", "v1", "alice", Map.of(), RunStatus.AWAITING_APPROVAL,
          null, Instant.EPOCH, null, List.of(), List.of(), null, null, null, null, null, null, null));
      runs.notStarted(failed);
      runs.notStarted(told);
      AtomicInteger asked = new AtomicInteger();
      Map<String, RunSummary> now = Await.value(() -> runs.of(List.of(failed, told), run -> {
        asked.incrementAndGet();
        return null; // Temporal does not know it
      }), listed -> !listed.containsKey("rh-failed"), "the failed start left out");
      assertThat(now.get("rh-told").status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
      assertThat(asked.get()).as("runs asked for").isEqualTo(1);
    }
  }

  private static RunSummary awaiting(RunSummary run) {
    return new RunSummary(run.id(), run.plan(), run.environment(), run.releaseCandidate(), run.initiator(), run.startedAt(),
        RunStatus.AWAITING_APPROVAL, null, List.of());
  }
}
