package dev.rehearsal.activities.postgres;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a copy's time went, phase by phase, in the order the phases ended: recorded in {@code <step>.a<n>.copy.json}
 * so a user can see what to tune (the dump, the restore, or the verification around them). Phases that overlap
 * another (a census beside the dump) are recorded as the time the copy waited for them, so the phases add up to
 * about the step's wall time. The two-step form records nothing ({@link #NONE}).
 */
final class CopyPhases {
  /** For a {@code postgres.snapshot} or {@code postgres.restore} step, which has no copy report. */
  static final CopyPhases NONE = new CopyPhases();

  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private final long started = System.nanoTime();

  <T> T time(String phase, Supplier<T> work) {
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      add(phase, t0);
    }
  }

  void time(String phase, Runnable work) {
    time(phase, () -> {
      work.run();
      return null;
    });
  }

  /** Records {@code phase} as the time since {@code t0} (a {@link System#nanoTime()}). */
  synchronized void add(String phase, long t0) {
    if (this != NONE) {
      seconds.merge(phase, Math.round((System.nanoTime() - t0) / 1e6) / 1000.0, Double::sum);
    }
  }

  /** The phases and, as {@code total}, the time since this recorder was made (the step's start). */
  synchronized Map<String, Double> report() {
    Map<String, Double> report = new LinkedHashMap<>(seconds);
    report.put("total", Math.round((System.nanoTime() - started) / 1e6) / 1000.0);
    return report;
  }
}
