package dev.rehearsal.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The reference runs: {@code wrk} at full speed or paced, with the figures its Lua {@code done()} prints. */
final class WrkRunner {
  private static final Pattern WRK_LINE = Pattern.compile("^WRK (.*)$", Pattern.MULTILINE);
  private static final Pattern TIMES_LINE = Pattern.compile("^(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s$", Pattern.MULTILINE);
  private static final int CALIBRATION_SECONDS = 2;

  private final LoadBenchOptions options;
  private final TargetCpu targetCpu;

  WrkRunner(LoadBenchOptions options, TargetCpu targetCpu) {
    this.options = options;
    this.targetCpu = targetCpu;
  }

  /**
   * wrk at full speed ({@code rate == null}, after an untimed warm-up run) or paced to about {@code rate} requests/s:
   * each connection waits a random whole number of ms averaging C / rate between a response and its next request
   * (wrk's {@code delay()}, ms resolution), less a per-request extra measured by a short calibration run. The rate then
   * lands within a few percent of the target when the mean delay is several ms, less precisely below ~1 ms.
   */
  LoadRun run(int c, Double rate) throws Exception {
    String url = options.url().toString();
    List<String> argv = new ArrayList<>(List.of("-t" + options.wrkThreads(), "-c" + c, "-d" + options.seconds() + "s",
        "--latency"));
    String note = "";
    if (rate == null) {
      if (options.warmupSeconds() > 0) {
        Commands.capture(List.of("wrk", "-t" + options.wrkThreads(), "-c" + c, "-d" + options.warmupSeconds() + "s", url));
      }
      argv.addAll(List.of("-s", options.benchDir().resolve("wrk-report.lua").toString(), url));
    } else {
      // Each request costs its delay plus a little more (the response, and the event loop's timer resolution, which
      // rounds waits up): a short untimed calibration run measures that extra, the real run's delay subtracts it.
      double interval = c * 1000.0 / rate;
      String script = options.benchDir().resolve("wrk-paced.lua").toString();
      String calibration = Commands.capture(List.of("wrk", "-t" + options.wrkThreads(), "-c" + c,
          "-d" + CALIBRATION_SECONDS + "s", "-s", script, url, "--", String.format(Locale.ROOT, "%.4f", interval)));
      Map<String, String> f = fields(calibration);
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
    double targetBefore = targetCpu.seconds();
    long t0 = System.nanoTime();
    String output = Commands.capture(command);
    double wall = (System.nanoTime() - t0) / 1e9;
    double targetAfter = targetCpu.seconds();

    Map<String, String> f = fields(output);
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
    return new LoadRun("wrk", rate == null ? "closed" : "paced", c, rate, requests / seconds,
        requests, errors, micros(f.get("p50_us")), micros(f.get("p95_us")), micros(f.get("p99_us")), cpu,
        targetBefore < 0 ? null : targetAfter - targetBefore, requests, wall, note);
  }

  /** {@code wrk -v} prints its version line and the usage, and exits 1. */
  static String version() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).strip();
  }

  /** The fields of the {@code WRK key=value ...} line that the Lua scripts' {@code done()} prints. */
  private static Map<String, String> fields(String output) {
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
}
