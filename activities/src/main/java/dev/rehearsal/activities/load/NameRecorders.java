package dev.rehearsal.activities.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The measured latencies of one request name. Senders record into HdrHistogram {@link Recorder}s, which take
 * concurrent writers wait-free; the monitor thread moves what was recorded into per-window and per-name totals.
 *
 * <p>One recorder pair per name, shared by the sender threads, rather than one per thread and name: an auto-resizing
 * recorder costs ~100–400 KB, and 64 threads × names × 2 would be tens of MB for no measurable gain at HTTP rates.
 */
final class NameRecorders {
  final String name;
  private final Recorder all = new Recorder(LatencyHistograms.SIGNIFICANT_DIGITS);
  private final Recorder errors = new Recorder(LatencyHistograms.SIGNIFICANT_DIGITS);
  private final Histogram total = new Histogram(LatencyHistograms.SIGNIFICANT_DIGITS);
  private long totalErrors;
  private Histogram spareAll;
  private Histogram spareErrors;

  NameRecorders(String name) {
    this.name = name;
  }

  /** Any thread. */
  void record(long latencyNanos, boolean error) {
    long micros = Math.max(0, Math.min(LatencyHistograms.HIGHEST_MICROS, latencyNanos / 1000));
    all.recordValue(micros);
    if (error) {
      errors.recordValue(micros);
    }
  }

  /** Monitor thread only: moves samples recorded since the last call into the totals and {@code window}. */
  long collectInto(Histogram window) {
    spareAll = all.getIntervalHistogram(spareAll);
    spareErrors = errors.getIntervalHistogram(spareErrors);
    total.add(spareAll);
    window.add(spareAll);
    long moved = spareErrors.getTotalCount();
    totalErrors += moved;
    return moved;
  }

  Histogram total() {
    return total;
  }

  LoadReport.RequestStats stats() {
    long count = total.getTotalCount();
    return new LoadReport.RequestStats(count, totalErrors, count == 0 ? null : (double) totalErrors / count,
        Millis.at(total, 50), Millis.at(total, 95), Millis.at(total, 99), Millis.max(total));
  }

  long totalErrors() {
    return totalErrors;
  }
}
