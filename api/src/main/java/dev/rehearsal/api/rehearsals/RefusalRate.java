package dev.rehearsal.api.rehearsals;

import dev.rehearsal.api.errors.TooManyRefusals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Refused attempts per user and run in the last minute, so that nobody can flood a run with refusals. */
@Component
class RefusalRate {
  private static final Duration WINDOW = Duration.ofMinutes(1);
  /** Past this many tracked (user, run) pairs, the idle ones are forgotten. */
  private static final int TRACKED = 10_000;

  private final int perMinute;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Deque<Instant>> recent = new HashMap<>();

  RefusalRate(RefusalLimits limits) {
    this.perMinute = limits.perMinute();
  }

  /** {@link TooManyRefusals} when {@code user} was refused {@code perMinute} times on run {@code id} in the last minute. */
  synchronized void check(String user, String id) {
    Instant now = clock.instant();
    Deque<Instant> times = recent.get(key(user, id));
    if (times == null) {
      return;
    }
    expire(times, now);
    if (times.size() >= perMinute) {
      long wait = Math.max(1, Duration.between(now, times.peekFirst().plus(WINDOW)).toSeconds() + 1);
      throw new TooManyRefusals(perMinute, wait);
    }
  }

  synchronized void refused(String user, String id) {
    Instant now = clock.instant();
    if (recent.size() >= TRACKED) {
      recent.values().forEach(times -> expire(times, now));
      recent.values().removeIf(Deque::isEmpty);
    }
    recent.computeIfAbsent(key(user, id), k -> new ArrayDeque<>()).addLast(now);
  }

  private static void expire(Deque<Instant> times, Instant now) {
    while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
      times.removeFirst();
    }
  }

  private static String key(String user, String id) {
    return user + "\n" + id;
  }
}
