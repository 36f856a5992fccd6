package dev.rehearsal.api.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins per remote address: after {@code signInFailures} of them within {@code signInWindow}, that address
 * may not sign in (not even with a right token, or guessing would go on) until a whole window has passed. Tokens are
 * long random strings, so this is about noticing and slowing guessing, not about making it impossible.
 */
@Component
class SignInThrottle {
  /** Beyond this many addresses, ones with nothing recent are forgotten, so a spray of addresses cannot fill memory. */
  private static final int TRACKED = 10_000;

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

  @Autowired
  SignInThrottle(ConsoleProperties console) {
    this(console.signInFailures(), console.signInWindow(), Clock.systemUTC());
  }

  SignInThrottle(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** Whole seconds until {@code address} may sign in again; 0 when it may now. */
  long secondsBlocked(String address) {
    Failures failures = byAddress.get(address);
    if (failures == null) {
      return 0;
    }
    synchronized (failures) {
      Duration left = Duration.between(clock.instant(), failures.blockedUntil);
      return left.isNegative() || left.isZero() ? 0 : Math.max(1, (left.toMillis() + 999) / 1000);
    }
  }

  /** Counts a failed sign-in from {@code address}; true when it is the one that blocks the address. */
  boolean failed(String address) {
    if (byAddress.size() > TRACKED) {
      Instant now = clock.instant();
      byAddress.values().removeIf(f -> f.isStale(now, window));
    }
    Failures failures = byAddress.computeIfAbsent(address, a -> new Failures());
    synchronized (failures) {
      Instant now = clock.instant();
      failures.recent.addLast(now);
      while (failures.recent.size() > limit || failures.recent.peekFirst().isBefore(now.minus(window))) {
        failures.recent.pollFirst();
      }
      if (failures.recent.size() < limit) {
        return false;
      }
      failures.recent.clear();
      failures.blockedUntil = now.plus(window);
      return true;
    }
  }

  Duration window() {
    return window;
  }

  int limit() {
    return limit;
  }

  private static final class Failures {
    final Deque<Instant> recent = new ArrayDeque<>();
    Instant blockedUntil = Instant.MIN;

    synchronized boolean isStale(Instant now, Duration window) {
      return !blockedUntil.isAfter(now) && (recent.isEmpty() || recent.peekLast().isBefore(now.minus(window)));
    }
  }
}
