package dev.rehearsal.activities.load;

import dev.rehearsal.plan.Durations;
import dev.rehearsal.plan.LoadSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The open model's intended arrival times: a piecewise-linear rate over warm-up and load, seconds since the run
 * started. The k-th request (from 0) is due when the expected number of arrivals reaches k + ½, so a constant rate r
 * sends at ½/r, 1½/r, … and a rate of 0 sends nothing.
 *
 * <p>Warm-up runs at the rate the load starts with: the constant {@code rate}, or with stages the first stage's ramp
 * (from 0 towards its rate, holding that rate if the warm-up outlasts the ramp). The measured stages then run as
 * written, the first again ramping from 0.
 */
final class RateSchedule {
  private final List<Segment> segments;
  private final double[] cumulativeAtStart;
  private final double total;

  /** Rate goes linearly from {@code from} to {@code to} requests/s over [start, start + length). */
  record Segment(double start, double length, double from, double to) {
    double slope() {
      return length == 0 ? 0 : (to - from) / length;
    }

    double arrivals(double upTo) {
      double x = Math.max(0, Math.min(length, upTo - start));
      return from * x + slope() * x * x / 2;
    }
  }

  RateSchedule(List<Segment> segments) {
    this.segments = List.copyOf(segments);
    this.cumulativeAtStart = new double[segments.size()];
    double sum = 0;
    for (int i = 0; i < segments.size(); i++) {
      cumulativeAtStart[i] = sum;
      Segment s = segments.get(i);
      sum += s.arrivals(s.start() + s.length());
    }
    this.total = sum;
  }

  static RateSchedule of(LoadSpec spec, double warmupSeconds, double loadSeconds) {
    List<Segment> segments = new ArrayList<>();
    if (spec.stages().isEmpty()) {
      double rate = spec.rate() == null ? 0 : spec.rate();
      if (warmupSeconds > 0) {
        segments.add(new Segment(0, warmupSeconds, rate, rate));
      }
      segments.add(new Segment(warmupSeconds, loadSeconds, rate, rate));
      return new RateSchedule(segments);
    }
    LoadSpec.Stage first = spec.stages().get(0);
    double firstLength = Durations.parse(first.duration()).toNanos() / 1e9;
    if (warmupSeconds > 0) {
      double ramp = Math.min(warmupSeconds, firstLength);
      segments.add(new Segment(0, ramp, 0, first.rate() * ramp / firstLength));
      if (warmupSeconds > ramp) {
        segments.add(new Segment(ramp, warmupSeconds - ramp, first.rate(), first.rate()));
      }
    }
    double at = warmupSeconds;
    double previous = 0;
    for (LoadSpec.Stage stage : spec.stages()) {
      double length = Durations.parse(stage.duration()).toNanos() / 1e9;
      segments.add(new Segment(at, length, previous, stage.rate()));
      at += length;
      previous = stage.rate();
    }
    return new RateSchedule(segments);
  }

  /** Expected arrivals in [from, to), seconds since the run started. */
  double expectedArrivals(double from, double to) {
    return cumulative(to) - cumulative(from);
  }

  double maxRate() {
    double max = 0;
    for (Segment s : segments) {
      max = Math.max(max, Math.max(s.from(), s.to()));
    }
    return max;
  }

  private double cumulative(double t) {
    double sum = 0;
    for (Segment s : segments) {
      sum += s.arrivals(t);
    }
    return sum;
  }

  /** Iterates the intended send times in order; one instance per scheduler thread. */
  Arrivals arrivals() {
    return new Arrivals();
  }

  final class Arrivals {
    private long k;
    private int segment;

    /** Seconds since the run started of the next request, or NaN when the schedule has no more. */
    double next() {
      double target = k + 0.5;
      if (target > total) {
        return Double.NaN;
      }
      while (segment < segments.size() - 1 && cumulativeAtStart[segment + 1] < target) {
        segment++;
      }
      k++;
      Segment s = segments.get(segment);
      double m = target - cumulativeAtStart[segment];
      // Solve from*x + slope*x²/2 = m, in the form that stays stable when slope is 0 or negative.
      double root = Math.sqrt(Math.max(0, s.from() * s.from() + 2 * s.slope() * m));
      double denominator = s.from() + root;
      double x = m <= 0 || denominator <= 0 ? 0 : 2 * m / denominator;
      return s.start() + Math.min(x, s.length());
    }
  }
}
