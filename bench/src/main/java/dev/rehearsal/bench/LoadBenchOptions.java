package dev.rehearsal.bench;

import dev.rehearsal.plan.Durations;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The options of {@link LoadBench}, from its arguments or {@code bench.*} system properties. */
record LoadBenchOptions(URI url, List<Integer> connections, int seconds, int warmupSeconds, int wrkThreads, double openShare,
    boolean paced, int rounds, Long targetPid, String target, Path benchDir) {
  static final List<String> NAMES = List.of("url", "connections", "duration", "warmup", "wrk-threads", "open-share",
      "paced", "rounds", "target-pid", "target", "bench-dir");

  static LoadBenchOptions parse(String[] args) {
    Map<String, String> given = BenchArgs.parse(args, NAMES, "--url=URL --connections=64,16 --duration=10s");
    if (!given.containsKey("url")) {
      throw new IllegalArgumentException("--url=http://127.0.0.1:PORT/ is required (bench/run-load.sh starts the target)");
    }
    LoadBenchOptions o = new LoadBenchOptions(
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
