package dev.rehearsal.activities.load;

import org.HdrHistogram.Histogram;

/** Histograms hold microseconds; reports show milliseconds with microsecond precision. */
final class Millis {
  private Millis() {}

  static Double of(double micros) {
    return Math.round(micros) / 1000.0;
  }

  static Double at(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? null : of(h.getValueAtPercentile(percentile));
  }

  static Double max(Histogram h) {
    return h.getTotalCount() == 0 ? null : of(h.getMaxValue());
  }

  static double round3(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
