package dev.rehearsal.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.activities.load.LoadGenerator;
import dev.rehearsal.activities.load.LoadReport;
import dev.rehearsal.activities.load.ResolvedLoad;
import dev.rehearsal.plan.Durations;
import dev.rehearsal.plan.LoadSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern WRK_LINE = Pattern.compile("^WRK (.*)$", Pattern.MULTILINE);
  private static final Pattern TIMES_LINE = Pattern.compile("^(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s$", Pattern.MULTILINE);
  private static final double THROUGHPUT_GOAL = 0.8;
  private static final int CALIBRATION_SECONDS = 2;
  /** An open-model run that sent less than this share of its target rate in time did not keep the rate. */
  private static final double SUSTAINED = 0.95;
  private static final double LATENCY_GOAL = 0.10;

  record Options(URI url, List<Integer> connections, int seconds, int warmupSeconds, int wrkThreads, double openShare,
      boolean paced, int rounds, Long targetPid, String target, Path benchDir) {
    static final List<String> NAMES = List.of("url", "connections", "duration", "warmup", "wrk-threads", "open-share",
        "paced", "rounds", "target-pid", "target", "bench-dir");

    static Options parse(String[] args) {
      Map<String, String> given = BenchArgs.parse(args, NAMES, "--url=URL --connections=64,16 --duration=10s");
      if (!given.containsKey("url")) {
        throw new IllegalArgumentException("--url=http://127.0.0.1:PORT/ is required (bench/run-load.sh starts the target)");
      }
      Options o = new Options(
          URI.create(given.get("url")),
          Stream.of(given.getOrDefault("connections", "64,16").split(",")).map(String::strip).map(Integer::parseInt).toList(),
          wholeSeconds("duration", given.getOrDefault("duration", "10s")),
          wholeSeconds("warmup", given.getOrDefault("warmup", "3s")),
          Integer.parseInt(given.getOrDefault("wrk-threads", "2")),
          Double.parseDouble(given.getOrDefault("open-share", "0.5")),
          Boolean.parseBoolean(given.getOrDefault("paced", "true")),
          Integer.parseInt(given.getOrDefault("rounds", "1")),
          given.containsKey("target-pid") ? Long.parseLong(given.get("target-pid")) : null,
          given.getOrDefault("target", "?"),
          Path.of(given.getOrDefault("bench-dir", "bench")).toAbsolutePath().normalize());
      given.keySet().removeAll(NAMES);
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("unknown options " + given.keySet());
      }
      if (o.connections.isEmpty() || o.connections.stream().anyMatch(c -> c < 1) || o.seconds < 1 || o.rounds < 1
          || o.wrkThreads < 1 || !(o.openShare > 0)) {
        throw new IllegalArgumentException("connections, duration, rounds, wrk-threads and open-share must be positive");
      }
      if (o.connections.stream().anyMatch(c -> c < o.wrkThreads)) {
        throw new IllegalArgumentException("wrk needs at least as many connections as threads (" + o.wrkThreads + ")");
      }
      for (String script : List.of("wrk-report.lua", "wrk-paced.lua")) {
        if (!Files.isRegularFile(o.benchDir.resolve(script))) {
          throw new IllegalArgumentException("no " + script + " in " + o.benchDir + " (pass --bench-dir=<repo>/bench)");
        }
      }
      return o;
    }

    /** wrk takes whole seconds; so does this harness, for both tools alike. */
    private static int wholeSeconds(String name, String text) {
      long millis = Durations.parse(text).toMillis();
      if (millis % 1000 != 0) {
        throw new IllegalArgumentException(name + " must be whole seconds (wrk's -d takes seconds), got " + text);
      }
      return (int) (millis / 1000);
    }
  }

  /**
   * One measured run of either tool. Latencies in ms; CPU in seconds over the whole run (warm-up included for the
   * generator, which warms up inside the run), divided by all requests of the run for the per-request figures.
   */
  record Run(String tool, String mode, int connections, Double targetRate, double rate, long requests, long errors,
      double p50, double p95, double p99, double clientCpu, Double targetCpu, long cpuRequests, double wallSeconds,
      String note) {
    double clientMicrosPerRequest() {
      return cpuRequests == 0 ? Double.NaN : clientCpu * 1e6 / cpuRequests;
    }

    Double targetMicrosPerRequest() {
      return targetCpu == null || cpuRequests == 0 ? null : targetCpu * 1e6 / cpuRequests;
    }

    /** Client and target CPU over the run as a share of all cores. */
    Double machineShare() {
      return targetCpu == null ? null
          : (clientCpu + targetCpu) / (wallSeconds * Runtime.getRuntime().availableProcessors());
    }
  }

  private final Options options;
  private final long clockTicks;
  /** Every run, keyed by connections, then by kind (wrk, rehearsal closed, ...), one per round. */
  private final Map<Integer, Map<String, List<Run>>> runs = new LinkedHashMap<>();

  LoadBench(Options options) {
    this.options = options;
    this.clockTicks = clockTicks();
  }

  public static void main(String[] args) throws Exception {
    LoadBench bench = new LoadBench(Options.parse(args));
    bench.header();
    bench.measure();
    bench.report();
  }

  private void header() throws Exception {
    out("Load generator vs wrk, %s: target %s (%s), %d cores, %s, %s", LocalDate.now(), options.url(), options.target(),
        Runtime.getRuntime().availableProcessors(), "Java " + System.getProperty("java.vm.version"),
        wrkVersion());
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
        Map<String, List<Run>> byKind = runs.computeIfAbsent(c, k -> new LinkedHashMap<>());
        Run wrk = wrk(c, null);
        print(round, wrk);
        byKind.computeIfAbsent("wrk", k -> new ArrayList<>()).add(wrk);

        Run closed = generator(c, null);
        print(round, closed);
        byKind.computeIfAbsent("rehearsal closed", k -> new ArrayList<>()).add(closed);

        // A sustainable rate: a share of wrk's maximum; if that is beyond what the generator itself reached, also the
        // same share of the generator's maximum, so there is one open-model run it can keep up with.
        List<Double> rates = new ArrayList<>(List.of(Math.floor(wrk.rate() * options.openShare())));
        if (rates.get(0) > 0.9 * closed.rate()) {
          rates.add(Math.floor(closed.rate() * options.openShare()));
        }
        for (int i = 0; i < rates.size(); i++) {
          String suffix = i == 0 ? " @" + share() + " wrk max" : " @" + share() + " own max";
          Run open = generator(c, rates.get(i));
          print(round, open);
          byKind.computeIfAbsent("rehearsal open" + suffix, k -> new ArrayList<>()).add(open);
          if (options.paced()) {
            Run paced = wrk(c, rates.get(i));
            print(round, paced);
            byKind.computeIfAbsent("wrk paced" + suffix, k -> new ArrayList<>()).add(paced);
          }
        }
      }
    }
  }

  private String share() {
    return String.format(Locale.ROOT, "%.0f%%", options.openShare() * 100);
  }

  // ------------------------------------------------------------------------------------------ wrk

  /**
   * wrk at full speed ({@code rate == null}, after an untimed warm-up run) or paced to about {@code rate} requests/s:
   * each connection waits a random whole number of ms averaging C / rate between a response and its next request
   * (wrk's {@code delay()}, ms resolution), less a per-request extra measured by a short calibration run. The rate then
   * lands within a few percent of the target when the mean delay is several ms, less precisely below ~1 ms.
   */
  private Run wrk(int c, Double rate) throws Exception {
    String url = options.url().toString();
    List<String> argv = new ArrayList<>(List.of("-t" + options.wrkThreads(), "-c" + c, "-d" + options.seconds() + "s",
        "--latency"));
    String note = "";
    if (rate == null) {
      if (options.warmupSeconds() > 0) {
        capture(List.of("wrk", "-t" + options.wrkThreads(), "-c" + c, "-d" + options.warmupSeconds() + "s", url));
      }
      argv.addAll(List.of("-s", options.benchDir().resolve("wrk-report.lua").toString(), url));
    } else {
      // Each request costs its delay plus a little more (the response, and the event loop's timer resolution, which
      // rounds waits up): a short untimed calibration run measures that extra, the real run's delay subtracts it.
      double interval = c * 1000.0 / rate;
      String script = options.benchDir().resolve("wrk-paced.lua").toString();
      String calibration = capture(List.of("wrk", "-t" + options.wrkThreads(), "-c" + c, "-d" + CALIBRATION_SECONDS + "s",
          "-s", script, url, "--", String.format(Locale.ROOT, "%.4f", interval)));
      Map<String, String> f = wrkFields(calibration);
      double achieved = Long.parseLong(f.get("requests")) / (Long.parseLong(f.get("duration_us")) / 1e6);
      double extra = Math.max(0, c * 1000.0 / achieved - interval);
      double delayMs = Math.max(0, interval - extra);
      argv.addAll(List.of("-s", script, url, "--", String.format(Locale.ROOT, "%.4f", delayMs)));
      note = String.format(Locale.ROOT, "delay() mean %.2f ms per connection = %.2f ms interval - %.2f ms measured extra",
          delayMs, interval, extra);
    }
    // bash's `times` after wrk: the CPU time of its children, i.e. wrk's user + system seconds.
    List<String> command = new ArrayList<>(List.of("bash", "-c", "wrk \"$@\"; rc=$?; times; exit $rc", "wrk"));
    command.addAll(argv);
    double targetBefore = targetCpuSeconds();
    long t0 = System.nanoTime();
    String output = capture(command);
    double wall = (System.nanoTime() - t0) / 1e9;
    double targetAfter = targetCpuSeconds();

    Map<String, String> f = wrkFields(output);
    Matcher times = TIMES_LINE.matcher(output);
    double cpu = Double.NaN;
    while (times.find()) { // the last pair of lines is the children's
      cpu = Integer.parseInt(times.group(1)) * 60 + Double.parseDouble(times.group(2)) + Integer.parseInt(times.group(3)) * 60
          + Double.parseDouble(times.group(4));
    }
    long requests = Long.parseLong(f.get("requests"));
    double seconds = Long.parseLong(f.get("duration_us")) / 1e6;
    long errors = Long.parseLong(f.get("connect")) + Long.parseLong(f.get("read")) + Long.parseLong(f.get("write"))
        + Long.parseLong(f.get("status")) + Long.parseLong(f.get("timeout"));
    return new Run("wrk", rate == null ? "closed" : "paced", c, rate, requests / seconds,
        requests, errors, micros(f.get("p50_us")), micros(f.get("p95_us")), micros(f.get("p99_us")), cpu,
        targetBefore < 0 ? null : targetAfter - targetBefore, requests, wall, note);
  }

  /** The fields of the {@code WRK key=value ...} line that the Lua scripts' {@code done()} prints. */
  private static Map<String, String> wrkFields(String output) {
    Matcher line = WRK_LINE.matcher(output);
    if (!line.find()) {
      throw new IllegalStateException("no WRK line from the Lua done(); wrk said:\n" + output);
    }
    Map<String, String> f = new HashMap<>();
    for (String kv : line.group(1).trim().split("\\s+")) {
      int eq = kv.indexOf('=');
      f.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return f;
  }

  private static double micros(String us) {
    return Double.parseDouble(us) / 1000.0;
  }

  // ------------------------------------------------------------------------------------------ Rehearsal's generator

  /** Closed model with C users ({@code rate == null}) or open model at {@code rate} with C senders. */
  private Run generator(int c, Double rate) throws Exception {
    Map<String, Object> spec = new LinkedHashMap<>();
    if (rate == null) {
      spec.put("model", "closed");
    } else {
      spec.put("model", "open");
      spec.put("rate", rate);
    }
    spec.put("concurrency", c);
    spec.put("duration", options.seconds() + "s");
    spec.put("warmup", options.warmupSeconds() + "s");
    spec.put("requests", List.of(Map.of("path", options.url().getRawPath().isEmpty() ? "/" : options.url().getRawPath())));
    LoadSpec loadSpec = JSON.convertValue(spec, LoadSpec.class);
    URI base = URI.create(options.url().getScheme() + "://" + options.url().getRawAuthority());

    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double targetBefore = targetCpuSeconds();
    long cpuBefore = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    LoadReport r = new LoadGenerator().run(new ResolvedLoad(loadSpec, base, Map.of()), p -> {});
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
    double targetAfter = targetCpuSeconds();

    LoadReport.Latency l = r.latency();
    String note = rate == null ? "" : String.format(Locale.ROOT, "dropped %d", r.dropped());
    if (r.stopped()) {
      note += (note.isEmpty() ? "" : ", ") + "stopped: work cut off at the end";
    }
    return new Run("rehearsal", rate == null ? "closed" : "open", c, r.targetRate(), r.achievedRate(), r.completed(),
        r.errors(), nan(l.p50Ms()), nan(l.p95Ms()), nan(l.p99Ms()), cpu, targetBefore < 0 ? null : targetAfter - targetBefore,
        r.warmupRequests() + r.sent(), wall, note);
  }

  private static double nan(Double v) {
    return v == null ? Double.NaN : v;
  }

  // ------------------------------------------------------------------------------------------ the target's CPU

  /** User + system seconds of the target process and its descendants (nginx workers); -1 without --target-pid. */
  private double targetCpuSeconds() {
    if (options.targetPid() == null) {
      return -1;
    }
    ProcessHandle root = ProcessHandle.of(options.targetPid())
        .orElseThrow(() -> new IllegalStateException("target process " + options.targetPid() + " is gone"));
    long ticks = 0;
    for (ProcessHandle p : Stream.concat(Stream.of(root), root.descendants()).toList()) {
      try {
        String stat = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat"));
        // Fields after the parenthesised command: state is field 3, utime 14, stime 15.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (IOException gone) {
        // A worker that exited in between; nginx does not do that while serving.
      }
    }
    return (double) ticks / clockTicks;
  }

  private static long clockTicks() {
    try {
      return Long.parseLong(capture(List.of("getconf", "CLK_TCK")).strip());
    } catch (Exception e) {
      return 100;
    }
  }

  // ------------------------------------------------------------------------------------------ the report

  private void print(int round, Run r) {
    out("  round %d, C=%d, %-17s %9.0f req/s%s  p50 %7.3f  p95 %7.3f  p99 %7.3f ms  errors %d  client %5.1f µs/req%s%s",
        round, r.connections(), r.tool() + " " + r.mode() + ":", r.rate(),
        r.targetRate() == null ? "" : String.format(Locale.ROOT, " (target %.0f)", r.targetRate()), r.p50(), r.p95(), r.p99(),
        r.errors(), r.clientMicrosPerRequest(),
        r.targetMicrosPerRequest() == null ? "" : String.format(Locale.ROOT, "  target %4.1f µs/req", r.targetMicrosPerRequest()),
        r.note().isEmpty() ? "" : "  (" + r.note() + ")");
  }

  private void report() {
    String median = options.rounds() > 1 ? " (medians of " + options.rounds() + " rounds)" : "";
    out("");
    out("Results%s: target %s, %d s measured, %d cores shared by client and target", median, options.target(),
        options.seconds(), Runtime.getRuntime().availableProcessors());
    out("| C | run | target req/s | req/s | p50 ms | p95 ms | p99 ms | errors (all rounds) | client CPU µs/req | target CPU µs/req "
        + "| CPU used (both, share of all cores) |");
    out("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (var byC : runs.entrySet()) {
      for (var kind : byC.getValue().entrySet()) {
        List<Run> rs = kind.getValue();
        Double target = rs.get(0).targetRate();
        out("| %d | %s | %s | %.0f | %.3f | %.3f | %.3f | %d | %.1f | %s | %s |", byC.getKey(), kind.getKey(),
            target == null ? "–" : String.format(Locale.ROOT, "%.0f", median(rs, Run::targetRate)), median(rs, Run::rate),
            median(rs, Run::p50), median(rs, Run::p95), median(rs, Run::p99), rs.stream().mapToLong(Run::errors).sum(),
            median(rs, Run::clientMicrosPerRequest),
            target(rs) ? String.format(Locale.ROOT, "%.1f", median(rs, Run::targetMicrosPerRequest)) : "–",
            target(rs) ? String.format(Locale.ROOT, "%.0f%%", 100 * median(rs, Run::machineShare)) : "–");
      }
    }
    out("");
    out("Rehearsal's generator vs wrk at the same connection count (closed model, full speed)%s:", median);
    for (var byC : runs.entrySet()) {
      Map<String, List<Run>> k = byC.getValue();
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

  private void compare(int c, String label, List<Run> rehearsal, List<Run> wrk, boolean throughputGoal) {
    double ratio = median(rehearsal, Run::rate) / median(wrk, Run::rate);
    double target = median(rehearsal, Run::targetRate);
    if (!throughputGoal && median(rehearsal, Run::rate) < SUSTAINED * target) {
      out("  C=%-3d %-22s the generator could not keep the rate: %.0f of %.0f req/s sent in time (%s); its latencies "
          + "are queueing, not the target's: no comparison", c, label + ":", median(rehearsal, Run::rate), target,
          rehearsal.get(rehearsal.size() - 1).note());
      return;
    }
    double d50 = median(rehearsal, Run::p50) / median(wrk, Run::p50) - 1;
    double d95 = median(rehearsal, Run::p95) / median(wrk, Run::p95) - 1;
    out("  C=%-3d %-22s throughput rehearsal/wrk = %.2f×%s; p50 %+.0f%%, p95 %+.0f%% vs wrk (goal ±%.0f%%: %s, %s)",
        c, label + ":", ratio, throughputGoal ? String.format(Locale.ROOT, " (goal ≥ %.1f×: %s)", THROUGHPUT_GOAL,
            verdict(ratio >= THROUGHPUT_GOAL)) : "",
        100 * d50, 100 * d95, 100 * LATENCY_GOAL, verdict(Math.abs(d50) <= LATENCY_GOAL), verdict(Math.abs(d95) <= LATENCY_GOAL));
  }

  private static String verdict(boolean met) {
    return met ? "met" : "missed";
  }

  private static boolean target(List<Run> rs) {
    return rs.stream().allMatch(r -> r.targetCpu() != null);
  }

  static double median(List<Run> runs, java.util.function.Function<Run, Double> value) {
    // A run without samples (NaN latencies) has no say in a median.
    List<Double> sorted = runs.stream().map(value).filter(v -> v != null && !v.isNaN()).sorted().toList();
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  // ------------------------------------------------------------------------------------------ helpers

  /** Runs a command to completion and returns its stdout (stderr passes through); fails on a non-zero exit. */
  private static String capture(List<String> argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().close();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " exited " + p.exitValue() + ":\n" + text);
    }
    return text;
  }

  private static String jvmFlags() {
    List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
    return flags.isEmpty() ? "default flags" : String.join(" ", flags);
  }

  /** {@code wrk -v} prints its version line and the usage, and exits 1. */
  private static String wrkVersion() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return firstLine(text);
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).strip();
  }

  private static void out(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
