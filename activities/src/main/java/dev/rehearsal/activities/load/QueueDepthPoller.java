package dev.rehearsal.activities.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.plan.LoadSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Polls a queue depth from the start of the load to the end of the drain phase ({@code drain} after the load), on
 * its own thread. Polls run every {@code interval} plus one exactly at the end of the load and one at the end of the
 * drain, so "depth at load end" and "final depth" are read when they mean what they say.
 */
final class QueueDepthPoller {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A reading, seconds since the load started; {@code duringLoad} when its slot was at or before the load's end. */
  record Reading(double t, double depth, boolean duringLoad) {}

  private final RunState state;
  private final LoadSpec.QueueProbe probe;
  private final URI uri;
  private final PrometheusMetric metric;
  private final long intervalNanos;
  private final long drainNanos;
  private final Duration timeout;
  private final List<Reading> readings = new ArrayList<>();
  private long polls;
  private long failures;
  final Thread thread;

  QueueDepthPoller(RunState state, LoadSpec.QueueProbe probe, URI baseUrl) {
    if ((probe.json() == null) == (probe.prometheus() == null)) {
      throw new IllegalArgumentException("the queue probe needs exactly one of json and prometheus");
    }
    this.state = state;
    this.probe = probe;
    this.uri = RequestMix.resolve(baseUrl, probe.path());
    this.metric = probe.prometheus() == null ? null : PrometheusMetric.parse(probe.prometheus());
    Duration interval = Probes.interval(probe.interval());
    this.intervalNanos = interval.toNanos();
    this.drainNanos = Probes.optionalNanos(probe.drain());
    this.timeout = Probes.timeout(interval, state.plan.requestTimeout);
    this.thread = RunState.thread("queue", this::run);
  }

  /** Poll times, nanos since the load started. */
  private List<Long> slots() {
    long load = state.plan.loadNanos;
    List<Long> slots = new ArrayList<>();
    for (long t = 0; t < load; t += intervalNanos) {
      slots.add(t);
    }
    slots.add(load);
    for (long t = load + intervalNanos; t < load + drainNanos; t += intervalNanos) {
      slots.add(t);
    }
    if (drainNanos > 0) {
      slots.add(load + drainNanos);
    }
    return slots;
  }

  private void run() {
    long loadStart = state.startNanos + state.plan.warmupNanos;
    for (long slot : slots()) {
      if (state.cancelled || !RunState.sleepUntil(loadStart + slot)) {
        return;
      }
      long at = System.nanoTime();
      OptionalDouble depth;
      try {
        depth = read(state.http.get(uri, timeout));
      } catch (IOException failed) {
        depth = OptionalDouble.empty();
      } catch (InterruptedException stop) {
        return;
      }
      synchronized (this) {
        polls++;
        if (depth.isPresent()) {
          readings.add(new Reading((at - loadStart) / 1e9, depth.getAsDouble(), slot <= state.plan.loadNanos));
        } else {
          failures++;
        }
      }
    }
  }

  private OptionalDouble read(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      return OptionalDouble.empty();
    }
    if (metric != null) {
      return metric.sumIn(response.body());
    }
    try {
      JsonNode value = JSON.readTree(response.body()).at(probe.json());
      if (value.isNumber()) {
        return OptionalDouble.of(value.doubleValue());
      }
      if (value.isTextual()) {
        return OptionalDouble.of(Double.parseDouble(value.asText().trim()));
      }
      return OptionalDouble.empty();
    } catch (IOException | NumberFormatException unreadable) {
      return OptionalDouble.empty();
    }
  }

  synchronized LoadReport.QueueReport report() {
    return summarize(readings, polls, failures, drainNanos / 1e9);
  }

  static LoadReport.QueueReport summarize(List<Reading> readings, long polls, long failures, double drainSeconds) {
    List<LoadReport.QueueSample> samples = new ArrayList<>();
    Double max = null;
    Reading first = null;
    Reading atLoadEnd = null;
    Reading last = null;
    for (Reading r : readings) {
      if (!Double.isFinite(r.depth())) {
        continue; // a "NaN" reading is no reading: it would make every comparison false, and a gate PASS
      }
      samples.add(new LoadReport.QueueSample(Millis.round3(r.t()), r.depth()));
      max = max == null ? r.depth() : Math.max(max, r.depth());
      if (r.duringLoad()) {
        first = first == null ? r : first;
        atLoadEnd = r;
      }
      last = r;
    }
    Double growth = null;
    if (first != null && atLoadEnd.t() > first.t()) {
      double grown = atLoadEnd.depth() - first.depth();
      // Less than one item over the whole load is noise, not a backlog.
      growth = Math.abs(grown) < 1 ? 0.0 : Millis.round3(grown / (atLoadEnd.t() - first.t()));
    }
    // The drain is measured until the queue is at its lowest after the load, not over a drain phase that may last
    // much longer than the draining itself.
    Reading lowest = null;
    for (Reading r : readings) {
      if (Double.isFinite(r.depth()) && !r.duringLoad() && atLoadEnd != null && r.t() > atLoadEnd.t()
          && (lowest == null || r.depth() < lowest.depth())) {
        lowest = r;
      }
    }
    Double drain = null;
    if (drainSeconds > 0 && lowest != null) {
      drain = Millis.round3(Math.max(0, atLoadEnd.depth() - lowest.depth()) / (lowest.t() - atLoadEnd.t()));
    }
    return new LoadReport.QueueReport(samples, polls, failures, Millis.round3(drainSeconds), max,
        atLoadEnd == null ? null : atLoadEnd.depth(), last == null ? null : last.depth(), growth, drain);
  }
}
