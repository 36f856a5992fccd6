package dev.rehearsal.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server lost during a long wait (a restart, a rolling deploy, a proxy's 502): retried with back-off from the poll
 * interval doubling up to 30 s, one line when it is lost and one when it is back, and given up (exit 69) only after
 * {@code REHEARSAL_RECONNECT} (default 10 minutes) of consecutive failures. The run goes on meanwhile; so should its watcher.
 */
final class Outage {
  static final Duration DEFAULT_BOUND = Duration.ofMinutes(10);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
  private static final Pattern BOUND = Pattern.compile("(\\d{1,7})([smh]?)");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Duration first;
  private final Duration bound;
  private final PrintStream err;
  private Instant since;
  private Duration pause;

  Outage(Duration first, Map<String, String> env, PrintStream err) {
    this.first = first;
    this.bound = bound(env);
    this.err = err;
  }

  /** How long to pause before the next try after {@code failure}; the failure itself once the outage lasted too long. */
  Duration next(ServerUnavailable failure) {
    Instant now = Instant.now();
    if (since == null) {
      since = now;
      pause = first;
      err.println(LocalTime.now().format(TIME) + " lost the server (" + failure.getMessage() + "), retrying for up to " + human(bound));
    } else {
      pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
    }
    Duration left = bound.minus(Duration.between(since, now));
    if (left.isNegative() || left.isZero()) {
      throw new ServerUnavailable("gave up after " + human(Duration.between(since, now)) + " without the server: "
          + failure.getMessage() + " (REHEARSAL_RECONNECT sets how long to keep trying)");
    }
    return pause.compareTo(left) < 0 ? pause : left;
  }

  /** The server answered: the outage, if there was one, is over. */
  void over() {
    if (since != null) {
      err.println(LocalTime.now().format(TIME) + " the server answers again, after " + human(Duration.between(since, Instant.now())));
      since = null;
    }
  }

  /** {@code REHEARSAL_RECONNECT}: seconds, or a number with s, m or h; 0 gives up at the first failure. */
  private static Duration bound(Map<String, String> env) {
    String value = env.get("REHEARSAL_RECONNECT");
    if (value == null || value.isBlank()) {
      return DEFAULT_BOUND;
    }
    Matcher matcher = BOUND.matcher(value.strip());
    if (!matcher.matches()) {
      throw new CliFailure(ExitCode.USAGE, "REHEARSAL_RECONNECT takes a duration such as 600, 90s, 10m or 1h, got " + value);
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  private static String human(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds < 60 ? seconds + "s" : seconds < 3600 ? seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s")
        : seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : seconds % 3600 / 60 + "m");
  }
}
