package dev.rehearsal.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stream copy's hash runs at nice 19, on a thread of its own, and the caller's threads keep their priority. */
class IdleThreadTest {
  @Test
  void theWorkRunsAtNice19OnAThreadOfItsOwnAndTheCallerKeepsItsPriority() throws Exception {
    int callerNice = niceOfThisThread();

    String[] ran = IdleThread.supply("dump-hash", () -> new String[] {Thread.currentThread().getName(),
        String.valueOf(niceOfThisThread())}).get(30, TimeUnit.SECONDS);

    assertThat(ran[0]).isEqualTo("dump-hash");
    assertThat(Integer.parseInt(ran[1])).isEqualTo(IdleThread.NICE);
    assertThat(niceOfThisThread()).isEqualTo(callerNice);
  }

  @Test
  void aFailureOfTheWorkFailsTheFutureWithIt() {
    assertThatThrownBy(() -> IdleThread.supply("dump-hash", () -> {
      throw new IllegalStateException("tee exited 1: No space left on device");
    }).get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasRootCauseMessage("tee exited 1: No space left on device");
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
