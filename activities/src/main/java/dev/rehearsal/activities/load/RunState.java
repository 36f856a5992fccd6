package dev.rehearsal.activities.load;

import java.util.concurrent.locks.LockSupport;

/** What the threads of one run share: the plan, the client, the counters, the clock and the stop flags. */
final class RunState {
  /** Weighted request choice is random but repeatable from run to run. */
  static final long SEED = 0x5eed_10adL;
  static final String THREAD_PREFIX = "rehearsal-load-";

  final LoadPlan plan;
  final RequestMix mix;
  final LoadHttp http;
  final PhaseCounters warmup = new PhaseCounters();
  final PhaseCounters measured = new PhaseCounters();
  final long startNanos;
  /** The activity was cancelled: drop everything, record nothing more. */
  volatile boolean cancelled;
  /** The run's time is up: requests still queued or in flight are given up (and counted). */
  volatile boolean abandoning;

  RunState(LoadPlan plan, RequestMix mix, LoadHttp http, long startNanos) {
    this.plan = plan;
    this.mix = mix;
    this.http = http;
    this.startNanos = startNanos;
  }

  boolean stopping() {
    return cancelled || abandoning;
  }

  boolean isMeasured(long atNanos) {
    return atNanos - startNanos >= plan.warmupNanos;
  }

  long loadEndAt() {
    return startNanos + plan.loadEndNanos();
  }

  PhaseCounters counters(boolean measuredPhase) {
    return measuredPhase ? measured : warmup;
  }

  /** Counts a request handed to the client; those sent after the load ended (late) do not count towards the rate. */
  void sent(boolean measuredPhase) {
    PhaseCounters c = counters(measuredPhase);
    c.sent.increment();
    if (System.nanoTime() - loadEndAt() < 0) {
      c.sentInTime.increment();
    }
  }

  /** Counts one finished request; measured ones also go into the latency histograms. */
  void complete(RequestMix.Template template, boolean measuredPhase, boolean ok, long latencyNanos) {
    counters(measuredPhase).completed(ok);
    if (measuredPhase) {
      template.stats().record(latencyNanos, !ok);
    }
  }

  /** A request interrupted in flight: an error when the run abandoned it, nothing at all when cancelled. */
  void interrupted(RequestMix.Template template, boolean measuredPhase, long fromNanos) {
    if (abandoning && !cancelled) {
      complete(template, measuredPhase, false, System.nanoTime() - fromNanos);
    }
  }

  static Thread thread(String name, Runnable body) {
    Thread t = new Thread(body, THREAD_PREFIX + name);
    t.setDaemon(true);
    return t;
  }

  /** Parks until the deadline; false when interrupted first. Park is precise to ~0.1 ms, enough for arrivals. */
  static boolean sleepUntil(long deadlineNanos) {
    long left;
    while ((left = deadlineNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
    }
    return !Thread.currentThread().isInterrupted();
  }
}
