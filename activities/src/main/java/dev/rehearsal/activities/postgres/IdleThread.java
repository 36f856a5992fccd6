package dev.rehearsal.activities.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that should take only the CPU the tools beside it leave: hashing the kept dump while {@code pg_dump}, {@code
 * tee}, {@code pg_restore} and both servers' backends share a small machine. At nice 19 it still runs at full speed
 * on an idle core (and during the restore's index builds), but yields the CPU the copy itself needs.
 * Linux keeps a nice value per thread; Java has no call for it, so a fresh thread renices itself by its id, and is
 * never reused (an unprivileged process cannot raise a thread's priority again). Best effort: where that fails, the
 * work runs at normal priority, as before.
 */
final class IdleThread {
  static final int NICE = 19;
  private static final Logger log = LoggerFactory.getLogger(IdleThread.class);

  private IdleThread() {}

  /** {@code work} on a new low-priority daemon thread named {@code name}. */
  static <T> CompletableFuture<T> supply(String name, Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      lowerOwnPriority();
      try {
        result.complete(work.get());
      } catch (Throwable failure) {
        result.completeExceptionally(failure);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  private static void lowerOwnPriority() {
    try {
      // "/proc/thread-self" links to "<pid>/task/<tid>": the id renice takes for this thread alone.
      String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
      Process renice = new ProcessBuilder("renice", "-n", String.valueOf(NICE), "-p", tid)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!renice.waitFor(5, TimeUnit.SECONDS) || renice.exitValue() != 0) {
        renice.destroyForcibly();
        log.debug("renice of thread {} did not succeed; hashing at normal priority", tid);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | LinkageError e) {
      log.debug("cannot lower this thread's priority ({}); hashing at normal priority", e.toString());
    }
  }
}
