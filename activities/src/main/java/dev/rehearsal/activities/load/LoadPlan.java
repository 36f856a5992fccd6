package dev.rehearsal.activities.load;

import dev.rehearsal.plan.Durations;
import dev.rehearsal.plan.LoadSpec;
import java.time.Duration;

/** The spec's timings and limits with defaults applied, in the units the generator works in. */
final class LoadPlan {
  /** Enough queued requests to ride out a short stall at low rates, without unbounded memory at high ones. */
  static final int MIN_QUEUE_BOUND = 1000;

  final LoadSpec spec;
  final boolean open;
  final int concurrency;
  final Duration requestTimeout;
  final long warmupNanos;
  final long loadNanos;
  final long windowNanos;
  /** Open model only. */
  final RateSchedule schedule;
  /** Open model: requests waiting for a free sender beyond this are dropped. */
  final int queueBound;

  LoadPlan(LoadSpec spec) {
    this.spec = spec;
    this.open = spec.model() != LoadSpec.Model.closed;
    this.concurrency = spec.concurrency() == null ? LoadSpec.DEFAULT_CONCURRENCY : spec.concurrency();
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    this.requestTimeout = duration(spec.requestTimeout(), LoadSpec.DEFAULT_REQUEST_TIMEOUT);
    this.warmupNanos = Probes.optionalNanos(spec.warmup());
    this.windowNanos = duration(spec.window(), LoadSpec.DEFAULT_WINDOW).toNanos();
    this.loadNanos = loadDuration(spec).toNanos();
    if (spec.requests().isEmpty()) {
      throw new IllegalArgumentException("a load step needs at least one request");
    }
    if (open) {
      if (spec.stages().isEmpty() && spec.rate() == null) {
        throw new IllegalArgumentException("an open-model load needs a rate or stages");
      }
      this.schedule = RateSchedule.of(spec, warmupNanos / 1e9, loadNanos / 1e9);
      double perTimeout = schedule.maxRate() * requestTimeout.toNanos() / 1e9;
      this.queueBound = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(MIN_QUEUE_BOUND, Math.ceil(perTimeout)));
    } else {
      this.schedule = null;
      this.queueBound = 0;
    }
  }

  private static Duration loadDuration(LoadSpec spec) {
    if (spec.model() != LoadSpec.Model.closed || spec.duration() == null) {
      if (!spec.stages().isEmpty()) {
        Duration sum = Duration.ZERO;
        for (LoadSpec.Stage s : spec.stages()) {
          sum = sum.plus(Durations.parse(s.duration()));
        }
        return sum;
      }
    }
    if (spec.duration() == null) {
      throw new IllegalArgumentException("a load step needs a duration or stages");
    }
    return Durations.parse(spec.duration());
  }

  private static Duration duration(String text, String fallback) {
    return Durations.parse(text == null ? fallback : text);
  }

  long loadEndNanos() {
    return warmupNanos + loadNanos;
  }
}
