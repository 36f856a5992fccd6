package dev.rehearsal.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The options of {@link SnapshotRestoreBench}, from its arguments or {@code bench.*} system properties. */
record SnapshotBenchOptions(long rows, int rounds, int jobs, boolean warmup, boolean breakdown, Path benchDir, Path workDir) {
  static final List<String> NAMES = List.of("rows", "rounds", "jobs", "warmup", "breakdown", "bench-dir", "work-dir");

  static SnapshotBenchOptions parse(String[] args) {
    Map<String, String> given = BenchArgs.parse(args, NAMES, "--rows=N --rounds=N --jobs=N");
    SnapshotBenchOptions o = new SnapshotBenchOptions(
        Long.parseLong(given.getOrDefault("rows", "6000000").replace("_", "")),
        Integer.parseInt(given.getOrDefault("rounds", "2")),
        Integer.parseInt(given.getOrDefault("jobs", "2")),
        Boolean.parseBoolean(given.getOrDefault("warmup", "true")),
        Boolean.parseBoolean(given.getOrDefault("breakdown", "true")),
        Path.of(given.getOrDefault("bench-dir", "bench")).toAbsolutePath().normalize(),
        given.containsKey("work-dir") ? Path.of(given.get("work-dir")).toAbsolutePath().normalize() : null);
    given.keySet().removeAll(NAMES);
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + given.keySet());
    }
    if (o.rows < 1 || o.rounds < 1 || o.jobs < 1) {
      throw new IllegalArgumentException("rows, rounds and jobs must be at least 1");
    }
    if (!Files.isRegularFile(o.benchDir.resolve("hand-copy.sh"))) {
      throw new IllegalArgumentException("no hand-copy.sh in " + o.benchDir + " (pass --bench-dir=<repo>/bench)");
    }
    return o;
  }
}
