package dev.rehearsal.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * When the overhead bench has warmed up: once a batch of every side spent at most {@link #SETTLED} of its process CPU
 * in the JIT's compiler threads ({@link CompilerCpu}; where that is unknown, after the minimum). On two cores the compilers kept 20–50% of the CPU busy for a dozen batches or more (2–3 s
 * of a 4–6 s batch after three warm-ups, on both sides), a cost a long-running worker pays once, not per run; rounds
 * timed before that measured the compilers as much as the runs.
 */
final class Warmup {
  static final double SETTLED = 0.10;

  private final int min;
  private final int max;
  private final List<OverheadBatch.Result> pair = new ArrayList<>();
  private int batches;
  private boolean settled;
  private String lastShares = "";

  /** At least {@code min} warm-up rounds (one batch per side each), at most {@code max}. */
  Warmup(int min, int max) {
    this.min = min;
    this.max = max;
  }

  /** Whether to run another warm-up round: fewer than the minimum so far, or not settled and under the maximum. */
  boolean more() {
    if (!pair.isEmpty()) {
      batches++;
      settled = pair.stream().allMatch(r -> Double.isNaN(r.jit()) || r.jit() <= SETTLED * r.cpu());
      lastShares = String.join(", ", pair.stream().map(r -> String.format("%s %.0f%%", r.side(), 100 * r.jit() / r.cpu())).toList());
      pair.clear();
    }
    return batches < min || (!settled && batches < max);
  }

  void add(OverheadBatch.Result r) {
    pair.add(r);
  }

  String summary() {
    if (batches == 0) {
      return "no warm-up: the rounds include the JIT's compiling";
    }
    return String.format("warm-up: %d round(s); the JIT's share of the last one's CPU: %s (%s)", batches, lastShares,
        settled ? "settled, <= " + Math.round(SETTLED * 100) + "%" : "NOT settled at the maximum: the rounds still pay for compiling");
  }
}
