package dev.rehearsal.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Latencies of one measurement's answers, in nanoseconds, sorted; percentiles by nearest rank (exact, not
 * interpolated). {@code failed}: requests answered with another status than expected (not in the latencies), and the
 * first such answer.
 */
record ScaleLatencies(long[] sorted, int failed, String firstFailure) {
  static ScaleLatencies of(long[] nanos) {
    return of(nanos, 0, null);
  }

  static ScaleLatencies of(long[] nanos, int failed, String firstFailure) {
    long[] copy = nanos.clone();
    Arrays.sort(copy);
    return new ScaleLatencies(copy, failed, firstFailure);
  }

  int count() {
    return sorted.length;
  }

  double percentileMs(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  double p50() {
    return percentileMs(50);
  }

  double p95() {
    return percentileMs(95);
  }

  double maxMs() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
  }

  /** "p50 / p95 / max ms (n)", and the failed requests if any. */
  String summary() {
    String answered = String.format(Locale.ROOT, "%s / %s / %s ms (n=%d)", ms(p50()), ms(p95()), ms(maxMs()), count());
    return failed == 0 ? answered : answered + ", " + failed + " failed (first: " + firstFailure + ")";
  }

  static String ms(double ms) {
    return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
  }
}
