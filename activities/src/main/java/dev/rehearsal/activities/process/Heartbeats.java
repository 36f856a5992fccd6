package dev.rehearsal.activities.process;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits for work while heartbeating, so Temporal notices a dead worker quickly and the activity learns of a
 * cancellation. {@code onStop} runs before the wait ends abnormally (cancelled, timed out, interrupted).
 */
public final class Heartbeats {
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private Heartbeats() {}

  /** The future's value, or empty when {@code timeout} passed first (after {@code onStop} ran). */
  public static <T> Optional<T> await(
      ActivityExecutionContext context, CompletableFuture<T> work, Duration timeout, Runnable onStop)
      throws ExecutionException {
    return await(context, work, timeout, onStop, () -> null);
  }

  /** As above; each heartbeat carries {@code progress}, which the API shows for a running step. */
  public static <T> Optional<T> await(
      ActivityExecutionContext context, CompletableFuture<T> work, Duration timeout, Runnable onStop, Supplier<?> progress)
      throws ExecutionException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        try {
          return Optional.ofNullable(work.get(INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException stillRunning) {
          if (System.nanoTime() - deadline > 0) {
            onStop.run();
            return Optional.empty();
          }
          context.heartbeat(progress.get());
        }
      }
    } catch (ActivityCompletionException | InterruptedException stop) {
      onStop.run();
      if (stop instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw stop instanceof ActivityCompletionException ace ? ace : new IllegalStateException("worker interrupted", stop);
    }
  }
}
