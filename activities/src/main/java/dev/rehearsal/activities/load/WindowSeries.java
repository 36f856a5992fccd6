package dev.rehearsal.activities.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Cuts the measured phase into fixed windows as time passes (monitor thread only). Closing a window takes the
 * samples recorded since the previous one, so a sample belongs to the window in which it completed; the last window
 * is closed once the run has finished and so also holds requests that completed after the load ended.
 */
final class WindowSeries {
  private final LoadPlan plan;
  private final long measuredStart;
  private final Collection<NameRecorders> names;
  private final PhaseCounters measured;
  private final LatencyHistograms.Builder log;
  private final int count;
  private final List<LoadReport.Window> closed = new ArrayList<>();
  private long sentSoFar;

  WindowSeries(LoadPlan plan, long runStartNanos, Collection<NameRecorders> names, PhaseCounters measured,
      LatencyHistograms.Builder log) {
    this.plan = plan;
    this.measuredStart = runStartNanos + plan.warmupNanos;
    this.names = names;
    this.measured = measured;
    this.log = log;
    this.count = (int) Math.max(1, (plan.loadNanos + plan.windowNanos - 1) / plan.windowNanos);
  }

  /** When the next window boundary before the last falls due, or {@code Long.MAX_VALUE} relative: none left. */
  long nextBoundary() {
    return closed.size() < count - 1 ? measuredStart + (closed.size() + 1) * plan.windowNanos : Long.MAX_VALUE;
  }

  void closeDue(long now) {
    while (closed.size() < count - 1 && now - (measuredStart + (closed.size() + 1) * plan.windowNanos) >= 0) {
      closeNext();
    }
  }

  /** At the end of the run: closes whatever is left, the last window included. */
  List<LoadReport.Window> closeAll() {
    while (closed.size() < count) {
      closeNext();
    }
    return closed;
  }

  private void closeNext() {
    int i = closed.size();
    long startNanos = i * plan.windowNanos;
    long endNanos = Math.min((i + 1) * plan.windowNanos, plan.loadNanos);
    Histogram h = new Histogram(LatencyHistograms.SIGNIFICANT_DIGITS);
    long errors = 0;
    for (NameRecorders n : names) {
      errors += n.collectInto(h);
    }
    long sentNow = measured.sentInTime.sum();
    long sent = sentNow - sentSoFar;
    sentSoFar = sentNow;
    double start = startNanos / 1e9;
    double end = endNanos / 1e9;
    double length = Math.max(1e-9, end - start);
    Double target = plan.schedule == null ? null
        : Millis.round3(plan.schedule.expectedArrivals(plan.warmupNanos / 1e9 + start, plan.warmupNanos / 1e9 + end)
            / length);
    closed.add(new LoadReport.Window(Millis.round3(start), Millis.round3(end), h.getTotalCount(), errors, sent, target,
        Millis.round3(sent / length), Millis.at(h, 50), Millis.at(h, 95), Millis.at(h, 99), Millis.max(h)));
    log.addWindow(start, end, h);
  }
}
