package dev.rehearsal.activities.load;

import dev.rehearsal.plan.LoadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Runs a {@code load} step: open model (arrivals at the planned rate whatever the server does) or closed model
 * (fixed users), optional health and queue-depth probes, and reports the measured phase.
 *
 * <p>The calling thread only monitors: it closes the fixed windows, and reports progress four times a second.
 * When the progress callback throws (how a Temporal cancellation arrives through a heartbeat), every thread and
 * in-flight request is stopped within a second and the same exception is rethrown.
 */
public final class LoadGenerator {
  /** Often enough that a cancellation, which arrives with a heartbeat's answer, is seen well within a second. */
  private static final long PROGRESS_EVERY = Duration.ofMillis(250).toNanos();
  private static final long MONITOR_TICK = Duration.ofMillis(50).toNanos();
  /** Cancellation must stop the load within a second; this leaves room for the caller. */
  private static final long STOP_WITHIN = Duration.ofMillis(800).toNanos();
  /** After the load, in-flight requests get one request timeout (plus this) to finish before they are abandoned. */
  private static final long GRACE_MARGIN = Duration.ofSeconds(1).toNanos();

  private final LoadHttp.Clients clients = new LoadHttp.Clients();

  /** A generator reuses its HTTP clients for every run: keep one per worker, not one per step. */
  public LoadGenerator() {}

  public LoadReport run(ResolvedLoad load, Consumer<LoadProgress> progress) {
    Consumer<LoadProgress> onProgress = progress == null ? p -> {} : progress;
    LoadPlan plan = new LoadPlan(load.spec());
    RequestMix mix = new RequestMix(load, plan.requestTimeout);
    LoadHttp http = new LoadHttp(clients, load.headers(), plan.concurrency);
    long startEpochMs = System.currentTimeMillis();
    RunState state = new RunState(plan, mix, http, System.nanoTime());
    LoadSpec.Probes probes = load.spec().probes();
    Workload workload = Workload.of(state);
    HealthPoller health = probes.health() == null ? null : new HealthPoller(state, probes.health(), load.baseUrl());
    QueueDepthPoller queue = probes.queue() == null ? null : new QueueDepthPoller(state, probes.queue(), load.baseUrl());
    long measuredStartEpochMs = startEpochMs + plan.warmupNanos / 1_000_000;
    LatencyHistograms.Builder log = new LatencyHistograms.Builder(measuredStartEpochMs);
    WindowSeries windows = new WindowSeries(plan, state.startNanos, mix.byName().values(), state.measured, log);

    List<Thread> probeThreads = new ArrayList<>();
    if (health != null) {
      probeThreads.add(health.thread);
    }
    if (queue != null) {
      probeThreads.add(queue.thread);
    }
    workload.start();
    probeThreads.forEach(Thread::start);

    boolean stopped;
    try {
      stopped = monitor(state, workload, queue, windows, onProgress);
    } catch (RuntimeException | Error cancelled) {
      cancel(state, workload, probeThreads);
      throw cancelled;
    } catch (InterruptedException interrupted) {
      cancel(state, workload, probeThreads);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("load step interrupted", interrupted);
    }
    // The health poller stops at the end of the load; one still waiting for an answer is not worth waiting for.
    probeThreads.forEach(Thread::interrupt);
    Workload.joinAll(probeThreads, System.nanoTime() + STOP_WITHIN);

    return report(state, windows.closeAll(), log, health, queue, stopped, measuredStartEpochMs);
  }

  /** Waits for the run to end; true when work still pending one request timeout after the load had to be cut off. */
  private static boolean monitor(RunState state, Workload workload, QueueDepthPoller queue, WindowSeries windows,
      Consumer<LoadProgress> progress) throws InterruptedException {
    long loadEnd = state.loadEndAt();
    long graceEnd = loadEnd + state.plan.requestTimeout.toNanos() + GRACE_MARGIN;
    long nextProgress = state.startNanos + PROGRESS_EVERY;
    boolean abandoned = false;
    while (true) {
      long now = System.nanoTime();
      windows.closeDue(now);
      if (now - loadEnd >= 0) {
        if (!abandoned && !workload.finished() && now - graceEnd >= 0) {
          state.abandoning = true;
          workload.stop(now + STOP_WITHIN);
          abandoned = true;
        }
        if ((abandoned || workload.finished()) && (queue == null || !queue.thread.isAlive())) {
          return abandoned;
        }
      }
      if (now - nextProgress >= 0) {
        progress.accept(snapshot(state, now));
        nextProgress = Math.max(nextProgress + PROGRESS_EVERY, System.nanoTime() + PROGRESS_EVERY / 2);
      }
      long sleep = Math.min(MONITOR_TICK, nextProgress - System.nanoTime());
      long boundary = windows.nextBoundary();
      if (boundary != Long.MAX_VALUE) {
        sleep = Math.min(sleep, boundary - System.nanoTime());
      }
      if (sleep > 0) {
        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
      }
    }
  }

  private static void cancel(RunState state, Workload workload, List<Thread> probeThreads) {
    state.cancelled = true;
    long deadline = System.nanoTime() + STOP_WITHIN;
    probeThreads.forEach(Thread::interrupt);
    workload.stop(deadline);
    Workload.joinAll(probeThreads, deadline);
  }

  private static LoadProgress snapshot(RunState state, long now) {
    long elapsed = now - state.startNanos;
    LoadPlan plan = state.plan;
    String phase;
    double phaseSeconds;
    PhaseCounters c;
    if (elapsed < plan.warmupNanos) {
      phase = "warmup";
      phaseSeconds = elapsed / 1e9;
      c = state.warmup;
    } else {
      phase = elapsed < plan.loadEndNanos() ? "load" : "drain";
      phaseSeconds = Math.min(elapsed - plan.warmupNanos, plan.loadNanos) / 1e9;
      c = state.measured;
    }
    return new LoadProgress(phase, elapsed / 1_000_000, c.sent.sum(), c.completed.sum(), c.errors.sum(),
        c.dropped.sum(), phaseSeconds <= 0 ? 0 : Millis.round3(c.sentInTime.sum() / phaseSeconds));
  }

  private static LoadReport report(RunState state, List<LoadReport.Window> windows, LatencyHistograms.Builder log,
      HealthPoller health, QueueDepthPoller queue, boolean stopped, long measuredStartEpochMs) {
    LoadPlan plan = state.plan;
    Histogram merged = new Histogram(LatencyHistograms.SIGNIFICANT_DIGITS);
    Map<String, LoadReport.RequestStats> byRequest = new LinkedHashMap<>();
    long errors = 0;
    for (NameRecorders n : state.mix.byName().values()) {
      merged.add(n.total());
      errors += n.totalErrors();
      byRequest.put(n.name, n.stats());
    }
    long completed = merged.getTotalCount();
    long sent = state.measured.sent.sum();
    long dropped = state.measured.dropped.sum();
    double loadSeconds = plan.loadNanos / 1e9;
    double warmupSeconds = plan.warmupNanos / 1e9;
    Double targetRate = plan.schedule == null ? null
        : Millis.round3(plan.schedule.expectedArrivals(warmupSeconds, warmupSeconds + loadSeconds) / loadSeconds);
    return new LoadReport(
        plan.open ? LoadSpec.Model.open.name() : LoadSpec.Model.closed.name(),
        targetRate,
        Millis.round3(state.measured.sentInTime.sum() / loadSeconds),
        Millis.round3(loadSeconds),
        Millis.round3(warmupSeconds),
        plan.concurrency,
        Millis.round3(plan.windowNanos / 1e9),
        measuredStartEpochMs,
        sent,
        completed,
        errors,
        dropped,
        state.warmup.sent.sum(),
        sent + dropped == 0 ? null : (double) dropped / (sent + dropped),
        completed == 0 ? null : (double) errors / completed,
        LoadReport.Latency.of(merged),
        byRequest,
        windows,
        health == null ? null : health.report(),
        queue == null ? null : queue.report(),
        stopped,
        log.build(merged));
  }
}
