package dev.rehearsal.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Concurrent clients in a closed loop (each sends its next request when the previous answer is read, no think time),
 * each request a GET of the path the supplier gives. Answers other than 200 are counted as failed, not timed; an
 * exception (no answer at all) stops the measurement.
 */
final class ScaleSampler {
  /** When to stop: after this many answers in all, after this long, or when {@code done} says so, whichever first. */
  record Stop(int samples, long maxNanos, BooleanSupplier done) {
    static Stop after(int samples, double maxSeconds) {
      return new Stop(samples, (long) (maxSeconds * 1e9), () -> false);
    }
  }

  private final ScaleApi api;

  ScaleSampler(ScaleApi api) {
    this.api = api;
  }

  ScaleLatencies sample(int clients, Supplier<String> paths, Stop stop) {
    ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    long deadline = System.nanoTime() + stop.maxNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      threads.add(ScaleRuns.started("scale-client-" + c, () -> {
        while (failure.get() == null && System.nanoTime() < deadline && !stop.done().getAsBoolean()
            && sent.incrementAndGet() <= stop.samples()) {
          String path = paths.get();
          try {
            ScaleApi.Answer answer = api.get(api.tokens().auditor(), path);
            if (answer.status() == 200) {
              nanos.add(answer.nanos());
            } else {
              failed.incrementAndGet();
              firstFailure.compareAndSet(null, "HTTP " + answer.status());
            }
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          }
        }
      }));
    }
    ScaleRuns.joinAll(threads);
    if (failure.get() != null) {
      throw failure.get();
    }
    return ScaleLatencies.of(nanos.stream().mapToLong(Long::longValue).toArray(), failed.get(), firstFailure.get());
  }
}
