package dev.rehearsal.testing;

import java.time.Duration;
import java.time.Instant;
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
