package dev.rehearsal.activities.load;

import dev.rehearsal.plan.Durations;
import java.time.Duration;

/** Timing rules shared by the probes. */
final class Probes {
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

  private Probes() {}

  static Duration interval(String text) {
    return text == null ? DEFAULT_INTERVAL : Durations.parse(text);
  }

  /**
   * A probe waits one interval (at least a second, at most the request timeout) for its answer: a probe that cannot
   * answer within its own polling interval is a finding, and a longer wait would leave the state unknown longer.
   */
  static Duration timeout(Duration interval, Duration requestTimeout) {
    Duration t = interval.compareTo(MIN_TIMEOUT) < 0 ? MIN_TIMEOUT : interval;
    return t.compareTo(requestTimeout) > 0 ? requestTimeout : t;
  }

  /** A duration that may be zero ({@code 0s}, which plan durations otherwise reject) or absent. */
  static long optionalNanos(String text) {
    if (text == null || text.trim().matches("0+(ms|s|m|h|d)?")) {
      return 0;
    }
    return Durations.parse(text).toNanos();
  }
}
