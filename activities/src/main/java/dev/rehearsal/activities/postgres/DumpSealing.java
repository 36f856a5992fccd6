package dev.rehearsal.activities.postgres;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work on a dump beside its restore (hashing its manifest, flushing it, sealing the snapshot) that an attempt which
 * ends early interrupts and waits for: nothing of it may be written after the attempt ended, while a retry deletes
 * the dump.
 */
final class DumpSealing<T> implements AutoCloseable {
  private final FutureTask<T> task;
  private final CountDownLatch stopped = new CountDownLatch(1);

  DumpSealing(Callable<T> work) {
    task = new FutureTask<>(work);
    // The latch falls once the thread has left the work, whether it ran, failed, was interrupted or never started.
    PgSteps.WORK.execute(() -> {
      try {
        task.run();
      } finally {
        stopped.countDown();
      }
    });
  }

  /** Its result, once done; its failure as it was thrown. */
  T join() {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while the dump was sealed");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("sealing the dump failed", e.getCause());
    }
  }

  /** Interrupts the work if it still runs, and waits until its thread has left it. */
  @Override
  public void close() {
    task.cancel(true);
    boolean interrupted = false;
    while (true) {
      try {
        stopped.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
