package dev.rehearsal.plan;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plan durations: one or more number+unit pairs, e.g. {@code 500ms}, {@code 2s}, {@code 1h30m}, {@code 3d}. */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  /**
   * Parses already made: the workflow turns a step's timeouts and retry intervals into activity options for every
   * step, and the regexes cost more than the rest of that. Plans repeat a handful of durations. Only valid short
   * texts are kept, at most {@value #MAX_PARSED}: anyone may send plans to validate, and junk or huge texts must
   * neither fill the cache for good nor hold heap.
   */
  private static final Map<String, Optional<Duration>> PARSED = new ConcurrentHashMap<>();
  private static final int MAX_PARSED = 1024;
  private static final int MAX_KEPT_LENGTH = 32;

  private Durations() {}

  public static Optional<Duration> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Optional<Duration> known = PARSED.get(text);
    if (known != null) {
      return known;
    }
    Optional<Duration> parsed = parseAnew(text);
    if (parsed.isPresent() && text.length() <= MAX_KEPT_LENGTH && PARSED.size() < MAX_PARSED) {
      PARSED.put(text, parsed);
    }
    return parsed;
  }

  /** How many parses are kept (for tests: junk must not fill the cache). */
  static int remembered() {
    return PARSED.size();
  }

  private static Optional<Duration> parseAnew(String text) {
    if (!WHOLE.matcher(text.trim()).matches()) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text.trim());
    try {
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        total =
            total.plus(
                switch (m.group(2)) {
                  case "ms" -> Duration.ofMillis(n);
                  case "s" -> Duration.ofSeconds(n);
                  case "m" -> Duration.ofMinutes(n);
                  case "h" -> Duration.ofHours(n);
                  default -> Duration.ofDays(n);
                });
      }
    } catch (NumberFormatException | ArithmeticException tooLarge) {
      return Optional.empty();
    }
    return total.isZero() ? Optional.empty() : Optional.of(total);
  }

  /** For already validated plans. */
  public static Duration parse(String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not a duration: " + text));
  }
}
