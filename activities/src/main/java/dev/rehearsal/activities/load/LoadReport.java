package dev.rehearsal.activities.load;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a {@code load} step measured. Every figure covers the measured phase only: warm-up requests are counted in
 * {@code warmupRequests} and nowhere else. Latency of an open-model request runs from its intended send time, so
 * time spent queued behind a slow server counts; errors (unexpected status, timeout, I/O error) are latency samples
 * too. Figures that need samples are {@code null} when there were none, so "no samples" never reads as "0 ms".
 *
 * @param model {@code open} or {@code closed}
 * @param targetRate average intended rate of the measured phase, requests/s ({@code null} for the closed model)
 * @param achievedRate measured requests actually sent before the load ended, per second of the measured phase
 * @param sent measured requests handed to the HTTP client, including those that only went out after the load ended
 *     because they were queued behind a slow target
 * @param completed measured requests that ended, with a response or an error; the latency sample count
 * @param dropped measured requests never sent: the send queue was full when they were due, or they were still
 *     queued when the run had to end
 * @param droppedShare {@code dropped / (sent + dropped)}, {@code null} when both are 0
 * @param errorRate {@code errors / completed}, {@code null} when nothing completed
 * @param stopped true when work was cut off at the end: requests still queued or in flight one request timeout
 *     after the load ended were abandoned (queued ones count as dropped, in-flight ones as errors)
 * @param histograms the raw latency histograms (microseconds) behind these figures; not serialized, {@code null}
 *     after a JSON round trip
 */
public record LoadReport(
    String model,
    Double targetRate,
    double achievedRate,
    double measuredSeconds,
    double warmupSeconds,
    int concurrency,
    double windowSeconds,
    long measuredStartEpochMs,
    long sent,
    long completed,
    long errors,
    long dropped,
    long warmupRequests,
    Double droppedShare,
    Double errorRate,
    Latency latency,
    Map<String, RequestStats> byRequest,
    List<Window> windows,
    HealthReport health,
    QueueReport queue,
    boolean stopped,
    @JsonIgnore LatencyHistograms histograms) {

  public LoadReport {
    // Keeps the plan's order of request names.
    byRequest = byRequest == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(byRequest));
    windows = windows == null ? List.of() : List.copyOf(windows);
  }

  /** All measured latencies in microseconds, merged over threads, request names and windows. */
  @JsonIgnore
  public Histogram merged() {
    return histograms == null ? new Histogram(LatencyHistograms.SIGNIFICANT_DIGITS) : histograms.merged();
  }

  /**
   * Writes an HdrHistogram log (values in microseconds, max column in ms): one untagged interval histogram per window,
   * which add up to the whole run, then the merged histogram tagged {@code merged}. Readable with {@code
   * HistogramLogReader} and HdrHistogram's log analyzers.
   */
  public void writeHistogramLog(OutputStream out) {
    (histograms == null ? LatencyHistograms.empty(measuredStartEpochMs) : histograms).write(out);
  }

  /** Latency over all measured samples, in milliseconds; all {@code null} when {@code count} is 0. */
  public record Latency(long count, Double p50Ms, Double p95Ms, Double p99Ms, Double maxMs, Double meanMs) {
    static Latency of(Histogram h) {
      if (h.getTotalCount() == 0) {
        return new Latency(0, null, null, null, null, null);
      }
      return new Latency(h.getTotalCount(), Millis.at(h, 50), Millis.at(h, 95), Millis.at(h, 99),
          Millis.of(h.getMaxValue()), Millis.of(h.getMean()));
    }
  }

  /** One request name's share of the measured phase. */
  public record RequestStats(
      long count, long errors, Double errorRate, Double p50Ms, Double p95Ms, Double p99Ms, Double maxMs) {}

  /**
   * A fixed window of the measured phase, seconds from its start. Samples fall in the window in which they completed
   * (the last window also takes those completing after the load ended). {@code sent} and {@code achievedRate} count
   * requests actually sent in the window (late sends after the load ended are in no window, only in the report's
   * {@code sent}); {@code targetRate} is the intended rate ({@code null} for the closed model).
   */
  public record Window(
      double startSeconds,
      double endSeconds,
      long count,
      long errors,
      long sent,
      Double targetRate,
      double achievedRate,
      Double p50Ms,
      Double p95Ms,
      Double p99Ms,
      Double maxMs) {}

  /**
   * The health probe over the load phase. The state a poll saw (sample time = when it was sent) holds until the next
   * poll; the first poll's state is carried back to the start of the load when warm-up saw none.
   *
   * @param polls polls sent during the load phase
   * @param failures of those, polls with no usable answer (I/O error, timeout, unreadable JSON); they count as degraded
   * @param degradedShare {@code degradedSeconds / loadSeconds}, {@code null} when no poll gave a state
   * @param transitions healthy/degraded changes seen during the load phase (flapping)
   */
  public record HealthReport(
      long polls, long failures, double loadSeconds, double degradedSeconds, Double degradedShare, int transitions) {}

  /**
   * Queue depth through the load and the drain after it. Rates are depth units per second over the time between the
   * samples they compare: positive growth means the backlog grew during load, positive drain means it shrank after.
   *
   * @param depthAtLoadEnd last sample taken at or before the end of the load
   * @param finalDepth last sample of all (end of the drain phase)
   * @param backlogGrowthRate {@code (depthAtLoadEnd - first sample) / seconds between them}
   * @param drainRateAfterLoad {@code (depthAtLoadEnd - finalDepth) / seconds between them}, {@code null} without a
   *     drain phase
   * @param failures polls with no usable value (I/O error, timeout, status not 200, metric missing)
   */
  public record QueueReport(
      List<QueueSample> samples,
      long polls,
      long failures,
      double drainSeconds,
      Double maxDepth,
      Double depthAtLoadEnd,
      Double finalDepth,
      Double backlogGrowthRate,
      Double drainRateAfterLoad) {
    public QueueReport {
      samples = samples == null ? List.of() : List.copyOf(samples);
    }
  }

  /** A queue depth reading; {@code t} in seconds since the measured load started (negative: never). */
  public record QueueSample(double t, double depth) {}
}
