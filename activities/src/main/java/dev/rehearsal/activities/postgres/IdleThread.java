package dev.rehearsal.activities.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that should take only the CPU the tools beside it leave: hashing the kept dump while {@code pg_dump}, {@code
 * tee} and {@code pg_restore} share a small machine with it. At nice 19 it still runs at full speed on an idle core
 * (and during the restore's index builds), but yields the CPU the copy itself needs.
 * Linux keeps a nice value per thread; Java has no call for it, so the caller renices the new thread by its id before
 * the work starts. Not from the new thread itself: threads it created (the JDK's process reaper for {@code renice})
 * would inherit nice 19. The thread is never reused: an unprivileged process cannot raise a priority again. Best
 * effort: where that fails, the work runs at normal priority, as before, and the log says so once.
 */
final class IdleThread {
  static final int NICE = 19;
  private static final Logger log = LoggerFactory.getLogger(IdleThread.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private IdleThread() {}

  /**
   * Starts {@code work} on a new low-priority daemon thread named {@code name}; {@code commands} builds the {@code
   * renice} process (PATH and environment as for the other tools). Cancelling the future interrupts the thread.
   */
  static <T> CompletableFuture<T> supply(String name, Function<List<String>, ProcessBuilder> commands, Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletableFuture<String> threadId = new CompletableFuture<>();
    CountDownLatch lowered = new CountDownLatch(1);
    Thread thread = new Thread(() -> {
      try {
        threadId.complete(ownThreadId());
        lowered.await();
        result.complete(work.get());
      } catch (Throwable failure) {
        threadId.complete(null);
        result.completeExceptionally(failure);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    try {
      lower(threadId.get(5, TimeUnit.SECONDS), commands);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      warnOnce(e.toString());
    } finally {
      lowered.countDown();
    }
    result.whenComplete((value, failure) -> {
      if (result.isCancelled()) {
        thread.interrupt();
      }
    });
    return result;
  }

  /** "/proc/thread-self" links to "<pid>/task/<tid>": the id renice takes for this thread alone. */
  private static String ownThreadId() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
    } catch (Exception e) {
      return null;
    }
  }

  private static void lower(String threadId, Function<List<String>, ProcessBuilder> commands) throws Exception {
    if (threadId == null) {
      warnOnce("no /proc/thread-self");
      return;
    }
    Process renice = commands.apply(List.of("renice", "-n", String.valueOf(NICE), "-p", threadId))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!renice.waitFor(5, TimeUnit.SECONDS) || renice.exitValue() != 0) {
      renice.destroyForcibly();
      warnOnce("renice did not succeed");
    }
  }

  private static void warnOnce(String why) {
    if (WARNED.compareAndSet(false, true)) {
      log.warn("cannot lower the priority of a dump's hashing thread ({}); it hashes at normal priority", why);
    }
  }
}
