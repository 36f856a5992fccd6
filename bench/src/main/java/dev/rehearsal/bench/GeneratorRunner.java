package dev.rehearsal.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.activities.load.LoadGenerator;
import dev.rehearsal.activities.load.LoadReport;
import dev.rehearsal.activities.load.ResolvedLoad;
import dev.rehearsal.plan.LoadSpec;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Rehearsal's runs: its {@link LoadGenerator} in this JVM, with the figures of its report. */
final class GeneratorRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoadBenchOptions options;
  private final TargetCpu targetCpu;

  GeneratorRunner(LoadBenchOptions options, TargetCpu targetCpu) {
    this.options = options;
    this.targetCpu = targetCpu;
  }

  /** Closed model with C users ({@code rate == null}) or open model at {@code rate} with C senders. */
  LoadRun run(int c, Double rate) throws Exception {
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
    double targetBefore = targetCpu.seconds();
    long cpuBefore = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    LoadReport r = new LoadGenerator().run(new ResolvedLoad(loadSpec, base, Map.of()), p -> {});
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
    double targetAfter = targetCpu.seconds();

    LoadReport.Latency l = r.latency();
    String note = rate == null ? "" : String.format(Locale.ROOT, "dropped %d", r.dropped());
    if (r.stopped()) {
      note += (note.isEmpty() ? "" : ", ") + "stopped: work cut off at the end";
    }
    return new LoadRun("rehearsal", rate == null ? "closed" : "open", c, r.targetRate(), r.achievedRate(), r.completed(),
        r.errors(), nan(l.p50Ms()), nan(l.p95Ms()), nan(l.p99Ms()), cpu, targetBefore < 0 ? null : targetAfter - targetBefore,
        r.warmupRequests() + r.sent(), wall, note);
  }

  private static double nan(Double v) {
    return v == null ? Double.NaN : v;
  }
}
