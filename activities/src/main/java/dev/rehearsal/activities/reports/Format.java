package dev.rehearsal.activities.reports;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** How reports write times (UTC, to the second), numbers and thresholds. */
final class Format {
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Format() {}

  static String time(Instant at) {
    return at == null ? "" : UTC.format(at);
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4g", v);
  }

  static String thresholds(Map<String, Double> thresholds) {
    StringBuilder s = new StringBuilder();
    if (thresholds != null) {
      // A lower bound (a gate on coverage) is recorded as passAtLeast / warnAtLeast.
      thresholds.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k.replace("AtLeast", ""))
          .append(k.endsWith("AtLeast") ? " ≥ " : " ≤ ").append(v == null ? "-" : number(v)));
    }
    return s.toString();
  }
}
