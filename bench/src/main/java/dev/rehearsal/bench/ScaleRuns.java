package dev.rehearsal.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Makes runs through the API, {@code makers} at a time: each maker starts a run, polls its state until the run is
 * where it should end ({@link End}), rejects it there if so told, and takes the next. The first failure stops every
 * maker.
 *
 * <p>Closed runs either fail their step (their release candidate does not match the plan's assert) and end on their
 * own, or are rejected at sign-off; none is cancelled right after its start: a cancel that reaches the run in the
 * workflow task where its step's activity completes leaves the run RUNNING for good on local mode's in-memory
 * Temporal server (its RespondWorkflowTaskCompleted fails with "ACTIVITY_UNKNOWN", temporalio/sdk-java#2391), and a
 * run awaiting sign-off or failed has no activity in flight.
 */
final class ScaleRuns {
  /** Where a run is left: awaiting sign-off (open), rejected at sign-off, or failed at its step (both closed). */
  enum End {
    AWAIT("AWAITING_APPROVAL"), REJECT("AWAITING_APPROVAL"), FAIL("FAILED");

    private final String seen;

    End(String seen) {
      this.seen = seen;
    }
  }

  /** What to make: a run's plan and environment, and where it ends. */
  record Spec(String plan, String environment, End end) {
    Spec(String plan, String environment) {
      this(plan, environment, End.AWAIT);
    }
  }

  /**
   * The runs made: their ids in order, the wall time from the first start to the last run's end (awaiting sign-off,
   * rejected or failed), each run's time from its start request to being seen awaiting sign-off or failed, the
   * reject requests' times, the number of state polls and how many of them the app answered 503.
   */
  record Made(List<String> ids, double seconds, ScaleLatencies toAwaiting, ScaleLatencies rejects, long polls,
      long unanswered) {
    double perSecond() {
      return ids.size() / seconds;
    }
  }

  private final ScaleApi api;
  private final long pollMillis;

  ScaleRuns(ScaleApi api, long pollMillis) {
    this.api = api;
    this.pollMillis = pollMillis;
  }

  Made make(String label, int count, int firstIndex, int makers, IntFunction<Spec> specs) {
    String[] ids = new String[count];
    long[] toAwaiting = new long[count];
    ConcurrentLinkedQueue<Long> rejects = new ConcurrentLinkedQueue<>();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicLong polls = new AtomicLong();
    AtomicLong unanswered = new AtomicLong();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int m = 0; m < Math.min(makers, count); m++) {
      threads.add(started("scale-maker-" + m, () -> {
        int i;
        while (failure.get() == null && (i = next.getAndIncrement()) < count) {
          try {
            Spec spec = specs.apply(firstIndex + i);
            long begun = System.nanoTime();
            String candidate = (spec.end() == End.FAIL ? "x1." : "v1.") + (firstIndex + i);
            ids[i] = api.start(spec.plan(), spec.environment(), candidate);
            awaitStatus(ids[i], spec.end().seen, polls, unanswered);
            toAwaiting[i] = System.nanoTime() - begun;
            if (spec.end() == End.REJECT) {
              rejects.add(api.reject(ids[i]).nanos());
            }
            done.incrementAndGet();
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          }
        }
      }));
    }
    Thread progress = started("scale-progress", () -> report(label, count, done, start));
    joinAll(threads);
    progress.interrupt();
    if (failure.get() != null) {
      throw failure.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Made(Arrays.asList(ids), seconds, ScaleLatencies.of(toAwaiting),
        ScaleLatencies.of(rejects.stream().mapToLong(Long::longValue).toArray()), polls.get(), unanswered.get());
  }

  /** Polls until the run has {@code wanted} status, counting the polls and the 503 answers (polled again). */
  private void awaitStatus(String id, String wanted, AtomicLong polls, AtomicLong unanswered) {
    while (true) {
      sleep(pollMillis);
      polls.incrementAndGet();
      String status = api.status(id);
      if (status == null) {
        unanswered.incrementAndGet();
        continue;
      }
      if (status.equals(wanted)) {
        return;
      }
      if (!status.equals("RUNNING")) {
        throw new IllegalStateException(id + " is " + status + " instead of " + wanted);
      }
    }
  }

  private static void report(String label, int count, AtomicInteger done, long start) {
    try {
      while (true) {
        Thread.sleep(15_000);
        double s = (System.nanoTime() - start) / 1e9;
        System.err.printf(Locale.ROOT, "%s: %d of %d runs in %.0f s (%.1f runs/s)%n", label, done.get(), count, s, done.get() / s);
      }
    } catch (InterruptedException stop) {
      Thread.currentThread().interrupt();
    }
  }

  static Thread started(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  static void joinAll(List<Thread> threads) {
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
