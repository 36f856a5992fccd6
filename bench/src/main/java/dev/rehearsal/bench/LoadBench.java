package dev.rehearsal.bench;

import static dev.rehearsal.bench.BenchOutput.out;

import dev.rehearsal.activities.load.LoadGenerator;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Rehearsal's load generator ({@link LoadGenerator}) against {@code wrk} on the same fast local target (nginx,
 * started by {@code bench/run-load.sh} in its own process), at the same connection count, one tool after the other.
 *
 * <p>For each connection count C: (a) {@code wrk -t T -c C} (after an untimed warm-up run) with {@code
 * wrk-report.lua}, whose {@code done()} prints the exact p50/p95/p99; (b) the generator in the closed model with
 * {@code concurrency: C} and a {@code warmup} (excluded from its figures), both at full speed: throughput ratio and
 * latency agreement; (c) the generator in the open model at a fixed rate (half of wrk's maximum by default) and,
 * for comparison, {@code wrk} paced to about the same rate by {@code wrk-paced.lua}'s {@code delay()} (plain wrk
 * cannot do a fixed rate; wrk2 is not packaged in Debian).
 *
 * <p>Besides rates and latencies it reports CPU per request: the generator JVM's whole process CPU (JIT and GC
 * included) over the run, {@code wrk}'s from the shell's {@code times}, and the target's (the nginx master and its
 * workers, from {@code /proc}) when {@code --target-pid} is given. On a small machine the client and the target share
 * the cores, so a client that costs more CPU per request leaves less for the target.
 *
 * <p>Arguments (or system properties {@code bench.url} etc.): {@code --url=URL} (required), {@code
 * --connections=64,16}, {@code --duration=10s}, {@code --warmup=3s}, {@code --wrk-threads=2}, {@code
 * --open-share=0.5} (open-model rate as a share of wrk's maximum), {@code --paced=false} (skip the paced wrk runs),
 * {@code --rounds=N} (repeat everything; medians are reported), {@code --target-pid=PID}, {@code --target=LABEL},
 * {@code --bench-dir=DIR} (where the Lua scripts are; default {@code bench}).
 */
public final class LoadBench {
  private final LoadBenchOptions options;
  private final WrkRunner wrk;
  private final GeneratorRunner generator;
  private final LoadResults results;

  LoadBench(LoadBenchOptions options) {
    this.options = options;
    TargetCpu targetCpu = new TargetCpu(options.targetPid());
    this.wrk = new WrkRunner(options, targetCpu);
    this.generator = new GeneratorRunner(options, targetCpu);
    this.results = new LoadResults(options);
  }

  public static void main(String[] args) throws Exception {
    LoadBench bench = new LoadBench(LoadBenchOptions.parse(args));
    bench.header();
    bench.measure();
    bench.results.report();
  }

  private void header() throws Exception {
    out("Load generator vs wrk, %s: target %s (%s), %d cores, %s, %s", LocalDate.now(), options.url(), options.target(),
        Runtime.getRuntime().availableProcessors(), "Java " + System.getProperty("java.vm.version"),
        WrkRunner.version());
    out("connections %s, %d s measured after %d s warm-up each, wrk -t%d, %d round(s); one tool at a time",
        options.connections(), options.seconds(), options.warmupSeconds(), options.wrkThreads(), options.rounds());
    // The JDK's HttpClient hands every sendAsync completion to CompletableFuture's default executor, which is the
    // common pool only when its parallelism is at least 2 (3+ cores, or -Djava.util.concurrent.ForkJoinPool.common.
    // parallelism=N); otherwise it starts a new thread per task, i.e. per response.
    int parallelism = ForkJoinPool.getCommonPoolParallelism();
    out("generator JVM: %s; ForkJoinPool common parallelism %d, so CompletableFuture's default executor %s", jvmFlags(),
        parallelism, parallelism > 1 ? "is the common pool" : "starts a new thread per task");
  }

  private void measure() throws Exception {
    for (int round = 1; round <= options.rounds(); round++) {
      for (int c : options.connections()) {
        LoadRun full = wrk.run(c, null);
        results.add(round, "wrk", full);

        LoadRun closed = generator.run(c, null);
        results.add(round, "rehearsal closed", closed);

        // A sustainable rate: a share of wrk's maximum; if that is beyond what the generator itself reached, also the
        // same share of the generator's maximum, so there is one open-model run it can keep up with.
        List<Double> rates = new ArrayList<>(List.of(Math.floor(full.rate() * options.openShare())));
        if (rates.get(0) > 0.9 * closed.rate()) {
          rates.add(Math.floor(closed.rate() * options.openShare()));
        }
        for (int i = 0; i < rates.size(); i++) {
          String suffix = i == 0 ? " @" + share() + " wrk max" : " @" + share() + " own max";
          results.add(round, "rehearsal open" + suffix, generator.run(c, rates.get(i)));
          if (options.paced()) {
            results.add(round, "wrk paced" + suffix, wrk.run(c, rates.get(i)));
          }
        }
      }
    }
  }

  private String share() {
    return String.format(Locale.ROOT, "%.0f%%", options.openShare() * 100);
  }

  private static String jvmFlags() {
    List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
    return flags.isEmpty() ? "default flags" : String.join(" ", flags);
  }
}
