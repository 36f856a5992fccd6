package dev.rehearsal.api.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times and durations as console pages show them: UTC to the minute, and "3 h 20 min" rather than seconds. */
public final class ConsoleTime {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private ConsoleTime() {}

  /** {@code 2026-11-30 08:15 UTC}, or an empty text for none. */
  public static String at(Instant instant) {
    return instant == null ? "" : MINUTE.format(instant);
  }

  /** {@code 45 s}, {@code 12 min}, {@code 3 h 20 min}, {@code 2 d 4 h}. */
  public static String duration(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return hours + " h " + minutes % 60 + " min";
    }
    return hours / 24 + " d " + hours % 24 + " h";
  }
}
