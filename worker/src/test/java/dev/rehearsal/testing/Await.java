package dev.rehearsal.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until something a test waits for has happened, failing with what it last saw after a minute. */
public final class Await {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private Await() {}

  public static void until(BooleanSupplier condition, String what) {
    value(condition::getAsBoolean, Boolean::booleanValue, what);
  }

  /**
   * What {@code call} answers, failing after a minute instead of blocking for good: a client call (an update, a
   * result) that no worker takes up would otherwise hang the test.
   */
  public static <T> T answer(Supplier<T> call, String what) {
    // A thread of its own (not a shared pool a stuck call would block), interrupted when given up on.
    FutureTask<T> answer = new FutureTask<>(call::get);
    Thread caller = new Thread(answer, "awaiting " + what);
    caller.setDaemon(true);
    caller.start();
    try {
      return answer.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new AssertionError("timed out waiting for " + what, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new AssertionError(what + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + what, e);
    }
  }

  /** The first value {@code read} gives that is {@code done}. */
  public static <T> T value(Supplier<T> read, Predicate<T> done, String what) {
    Instant deadline = Instant.now().plus(LIMIT);
    T last = null;
    while (Instant.now().isBefore(deadline)) {
      last = read.get();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
    throw new AssertionError("timed out waiting for " + what + "; last: " + last);
  }
}
