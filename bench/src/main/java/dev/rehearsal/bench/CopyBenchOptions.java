package dev.rehearsal.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The options of {@link CopyBench}, from its arguments or {@code bench.*} system properties. */
record CopyBenchOptions(long rows, int tables, int rounds, int jobs, boolean warmup, List<CopyShape> shapes, Path benchDir, Path workDir) {
  static final List<String> NAMES = List.of("rows", "tables", "rounds", "jobs", "warmup", "shapes", "bench-dir", "work-dir");

  static CopyBenchOptions parse(String[] args) {
    Map<String, String> given = BenchArgs.parse(args, NAMES, "--rows=N --tables=N --rounds=N --jobs=N --shapes=one,many");
    CopyBenchOptions o = new CopyBenchOptions(
        Long.parseLong(given.getOrDefault("rows", "6000000").replace("_", "")),
        Integer.parseInt(given.getOrDefault("tables", "50")),
        Integer.parseInt(given.getOrDefault("rounds", "2")),
        Integer.parseInt(given.getOrDefault("jobs", "2")),
        Boolean.parseBoolean(given.getOrDefault("warmup", "true")),
        List.of(given.getOrDefault("shapes", "one,many").split(",")).stream().map(CopyShape::of).toList(),
        Path.of(given.getOrDefault("bench-dir", "bench")).toAbsolutePath().normalize(),
        given.containsKey("work-dir") ? Path.of(given.get("work-dir")).toAbsolutePath().normalize() : null);
    given.keySet().removeAll(NAMES);
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + given.keySet());
    }
    if (o.rows < o.tables || o.tables < 2 || o.rounds < 1 || o.jobs < 1) {
      throw new IllegalArgumentException("rows >= tables >= 2, rounds and jobs at least 1");
    }
    return o;
  }

  /** What the scripts need of the snapshot/restore benchmark's options. */
  SnapshotBenchOptions scripts() {
    return new SnapshotBenchOptions(rows, rounds, jobs, warmup, false, benchDir, workDir);
  }
}
