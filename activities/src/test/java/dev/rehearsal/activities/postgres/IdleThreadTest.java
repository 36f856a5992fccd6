package dev.rehearsal.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stream copy's hash runs at nice 19, on a thread of its own, and the caller's threads keep their priority; it
 * still runs where renice cannot, and stops when the copy is killed.
 */
class IdleThreadTest {
  @Test
  void theWorkRunsAtNice19OnAThreadOfItsOwnAndTheCallerKeepsItsPriority() throws Exception {
    int callerNice = niceOfThisThread();

    String[] ran = IdleThread.supply("dump-hash", ProcessBuilder::new, () -> new String[] {Thread.currentThread().getName(),
        String.valueOf(niceOfThisThread())}).get(30, TimeUnit.SECONDS);

    assertThat(ran[0]).isEqualTo("dump-hash");
    assertThat(Integer.parseInt(ran[1])).isEqualTo(IdleThread.NICE);
    assertThat(niceOfThisThread()).isEqualTo(callerNice);
  }

  @Test
  void aFailureOfTheWorkFailsTheFutureWithIt() {
    assertThatThrownBy(() -> IdleThread.supply("dump-hash", ProcessBuilder::new, () -> {
      throw new IllegalStateException("tee exited 1: No space left on device");
    }).get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasRootCauseMessage("tee exited 1: No space left on device");
  }

  @Test
  void cancellingTheFutureInterruptsTheWork() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    CompletableFuture<Void> work = IdleThread.supply("dump-hash", ProcessBuilder::new, () -> {
      started.countDown();
      try {
        Thread.sleep(60_000);
        interrupted.complete(false);
      } catch (InterruptedException e) {
        interrupted.complete(true);
      }
      return null;
    });
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

    work.cancel(true);

    assertThat(interrupted.get(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void withoutReniceTheWorkStillRunsAtTheCallersPriority() throws Exception {
    int callerNice = niceOfThisThread();

    int nice = IdleThread.supply("dump-hash", args -> new ProcessBuilder("/nonexistent/renice"), IdleThreadTest::niceOfThisThread)
        .get(30, TimeUnit.SECONDS);

    assertThat(nice).isEqualTo(callerNice);
  }

  /** Field 19 of /proc/thread-self/stat, counted after the command name (which may hold spaces). */
  private static int niceOfThisThread() {
    try {
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(fields[19 - 3]);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
