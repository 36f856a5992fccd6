package dev.rehearsal.activities.load;

import java.net.http.HttpClient;
import java.util.SplittableRandom;

/**
 * Closed model: {@code concurrency} users, each sending its next request when the last one answered, until the load
 * ends. Latency runs from the actual send: a stalled server slows the users down instead of piling up requests, so
 * a stall costs only one slow sample per user (the coordinated omission the open model avoids).
 */
final class ClosedWorkload extends Workload {
  ClosedWorkload(RunState state) {
    super(state);
    for (int i = 1; i <= state.plan.concurrency; i++) {
      long seed = RunState.SEED + i;
      threads.add(RunState.thread("user-" + i, () -> loop(new SplittableRandom(seed), state.http.assign())));
    }
  }

  private void loop(SplittableRandom random, HttpClient client) {
    long end = state.loadEndAt();
    while (!state.stopping() && !Thread.currentThread().isInterrupted()) {
      long start = System.nanoTime();
      if (start - end >= 0) {
        return;
      }
      RequestMix.Template template = state.mix.pick(random);
      boolean measured = state.isMeasured(start);
      state.sent(measured);
      boolean ok;
      try {
        ok = LoadHttp.send(client, template);
      } catch (InterruptedException stop) {
        state.interrupted(template, measured, start);
        return;
      }
      state.complete(template, measured, ok, System.nanoTime() - start);
    }
  }
}
