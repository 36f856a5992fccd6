package dev.rehearsal.activities.load;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Open model: a scheduler thread releases each request at its intended time into a bounded queue, and {@code
 * concurrency} sender threads send them. Latency runs from the intended time, so a stalled server shows up as
 * latency of every request due during the stall (queue wait included), instead of slowing the arrivals down.
 */
final class OpenWorkload extends Workload {
  private record Job(long intendedNanos, RequestMix.Template template, boolean measured) {}

  private final BlockingQueue<Job> queue;
  private volatile boolean scheduled;

  OpenWorkload(RunState state) {
    super(state);
    this.queue = new ArrayBlockingQueue<>(state.plan.queueBound);
    threads.add(RunState.thread("scheduler", this::schedule));
    for (int i = 1; i <= state.plan.concurrency; i++) {
      threads.add(RunState.thread("sender-" + i, this::sendLoop));
    }
  }

  private void schedule() {
    try {
      RateSchedule.Arrivals arrivals = state.plan.schedule.arrivals();
      SplittableRandom random = new SplittableRandom(RunState.SEED);
      long end = state.loadEndAt();
      while (!state.stopping()) {
        double offset = arrivals.next();
        if (Double.isNaN(offset)) {
          return;
        }
        long due = state.startNanos + (long) (offset * 1e9);
        if (due >= end || !RunState.sleepUntil(due)) {
          return;
        }
        boolean measured = state.isMeasured(due);
        // A full queue means the senders are that far behind: the request could not be sent on time.
        if (!queue.offer(new Job(due, state.mix.pick(random), measured))) {
          state.counters(measured).dropped.increment();
        }
      }
    } finally {
      scheduled = true;
    }
  }

  private void sendLoop() {
    HttpClient client = state.http.assign();
    while (!state.stopping()) {
      Job job;
      try {
        job = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException stop) {
        return;
      }
      if (job == null) {
        if (scheduled && queue.isEmpty()) {
          return;
        }
        continue;
      }
      if (state.stopping()) {
        countDropped(job);
        return;
      }
      state.sent(job.measured());
      boolean ok;
      try {
        ok = LoadHttp.send(client, job.template());
      } catch (InterruptedException stop) {
        state.interrupted(job.template(), job.measured(), job.intendedNanos());
        return;
      }
      state.complete(job.template(), job.measured(), ok, System.nanoTime() - job.intendedNanos());
    }
  }

  private void countDropped(Job job) {
    if (!state.cancelled) {
      state.counters(job.measured()).dropped.increment();
    }
  }

  @Override
  protected void afterStop() {
    List<Job> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(this::countDropped);
  }
}
