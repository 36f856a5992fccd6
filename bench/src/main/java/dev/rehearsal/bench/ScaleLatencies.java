package dev.rehearsal.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latencies of one measurement, in nanoseconds, sorted; percentiles by nearest rank (exact, not interpolated). */
record ScaleLatencies(long[] sorted) {
  static ScaleLatencies of(long[] nanos) {
    long[] copy = nanos.clone();
    Arrays.sort(copy);
    return new ScaleLatencies(copy);
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

  /** "p50 / p95 / max ms (n)". */
  String summary() {
    return String.format(Locale.ROOT, "%s / %s / %s ms (n=%d)", ms(p50()), ms(p95()), ms(maxMs()), count());
  }

  static String ms(double ms) {
    return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
  }
}
