package dev.rehearsal.bench;

import static dev.rehearsal.bench.BenchOutput.out;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The load benchmark's runs as they come (one line each), then the table of medians and the ratios to wrk. */
final class LoadResults {
  private static final double THROUGHPUT_GOAL = 0.8;
  /** An open-model run that sent less than this share of its target rate in time did not keep the rate. */
  private static final double SUSTAINED = 0.95;
  private static final double LATENCY_GOAL = 0.10;

  private final LoadBenchOptions options;
  /** Every run, keyed by connections, then by kind (wrk, rehearsal closed, ...), one per round. */
  private final Map<Integer, Map<String, List<LoadRun>>> runs = new LinkedHashMap<>();

  LoadResults(LoadBenchOptions options) {
    this.options = options;
  }

  /** Prints the run's line and keeps it under its kind for the medians. */
  void add(int round, String kind, LoadRun r) {
    print(round, r);
    runs.computeIfAbsent(r.connections(), k -> new LinkedHashMap<>()).computeIfAbsent(kind, k -> new ArrayList<>()).add(r);
  }

  private void print(int round, LoadRun r) {
    out("  round %d, C=%d, %-17s %9.0f req/s%s  p50 %7.3f  p95 %7.3f  p99 %7.3f ms  errors %d  client %5.1f µs/req%s%s",
        round, r.connections(), r.tool() + " " + r.mode() + ":", r.rate(),
        r.targetRate() == null ? "" : String.format(Locale.ROOT, " (target %.0f)", r.targetRate()), r.p50(), r.p95(), r.p99(),
        r.errors(), r.clientMicrosPerRequest(),
        r.targetMicrosPerRequest() == null ? "" : String.format(Locale.ROOT, "  target %4.1f µs/req", r.targetMicrosPerRequest()),
        r.note().isEmpty() ? "" : "  (" + r.note() + ")");
  }

  void report() {
    String median = options.rounds() > 1 ? " (medians of " + options.rounds() + " rounds)" : "";
    out("");
    out("Results%s: target %s, %d s measured, %d cores shared by client and target", median, options.target(),
        options.seconds(), Runtime.getRuntime().availableProcessors());
    out("| C | run | target req/s | req/s | p50 ms | p95 ms | p99 ms | errors (all rounds) | client CPU µs/req | target CPU µs/req "
        + "| CPU used (both, share of all cores) |");
    out("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (var byC : runs.entrySet()) {
      for (var kind : byC.getValue().entrySet()) {
        List<LoadRun> rs = kind.getValue();
        Double target = rs.get(0).targetRate();
        out("| %d | %s | %s | %.0f | %.3f | %.3f | %.3f | %d | %.1f | %s | %s |", byC.getKey(), kind.getKey(),
            target == null ? "–" : String.format(Locale.ROOT, "%.0f", median(rs, LoadRun::targetRate)), median(rs, LoadRun::rate),
            median(rs, LoadRun::p50), median(rs, LoadRun::p95), median(rs, LoadRun::p99),
            rs.stream().mapToLong(LoadRun::errors).sum(), median(rs, LoadRun::clientMicrosPerRequest),
            target(rs) ? String.format(Locale.ROOT, "%.1f", median(rs, LoadRun::targetMicrosPerRequest)) : "–",
            target(rs) ? String.format(Locale.ROOT, "%.0f%%", 100 * median(rs, LoadRun::machineShare)) : "–");
      }
    }
    out("");
    out("Rehearsal's generator vs wrk at the same connection count (closed model, full speed)%s:", median);
    for (var byC : runs.entrySet()) {
      Map<String, List<LoadRun>> k = byC.getValue();
      compare(byC.getKey(), "closed", k.get("rehearsal closed"), k.get("wrk"), true);
    }
    if (options.paced()) {
      out("");
      out("At a fixed rate: the generator's open model vs wrk paced to about the same rate (approximate: wrk's delay() "
          + "is closed-loop with think time, ms resolution)%s:", median);
      for (var byC : runs.entrySet()) {
        for (var kind : byC.getValue().entrySet()) {
          if (kind.getKey().startsWith("rehearsal open")) {
            String suffix = kind.getKey().substring("rehearsal open".length());
            compare(byC.getKey(), "open" + suffix, kind.getValue(), byC.getValue().get("wrk paced" + suffix), false);
          }
        }
      }
    }
  }

  private void compare(int c, String label, List<LoadRun> rehearsal, List<LoadRun> wrk, boolean throughputGoal) {
    double ratio = median(rehearsal, LoadRun::rate) / median(wrk, LoadRun::rate);
    double target = median(rehearsal, LoadRun::targetRate);
    if (!throughputGoal && median(rehearsal, LoadRun::rate) < SUSTAINED * target) {
      out("  C=%-3d %-22s the generator could not keep the rate: %.0f of %.0f req/s sent in time (%s); its latencies "
          + "are queueing, not the target's: no comparison", c, label + ":", median(rehearsal, LoadRun::rate), target,
          rehearsal.get(rehearsal.size() - 1).note());
      return;
    }
    double d50 = median(rehearsal, LoadRun::p50) / median(wrk, LoadRun::p50) - 1;
    double d95 = median(rehearsal, LoadRun::p95) / median(wrk, LoadRun::p95) - 1;
    out("  C=%-3d %-22s throughput rehearsal/wrk = %.2f×%s; p50 %+.0f%%, p95 %+.0f%% vs wrk (goal ±%.0f%%: %s, %s)",
        c, label + ":", ratio, throughputGoal ? String.format(Locale.ROOT, " (goal ≥ %.1f×: %s)", THROUGHPUT_GOAL,
            verdict(ratio >= THROUGHPUT_GOAL)) : "",
        100 * d50, 100 * d95, 100 * LATENCY_GOAL, verdict(Math.abs(d50) <= LATENCY_GOAL), verdict(Math.abs(d95) <= LATENCY_GOAL));
  }

  private static String verdict(boolean met) {
    return met ? "met" : "missed";
  }

  private static boolean target(List<LoadRun> rs) {
    return rs.stream().allMatch(r -> r.targetCpu() != null);
  }

  static double median(List<LoadRun> runs, Function<LoadRun, Double> value) {
    // A run without samples (NaN latencies) has no say in a median.
    List<Double> sorted = runs.stream().map(value).filter(v -> v != null && !v.isNaN()).sorted().toList();
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
