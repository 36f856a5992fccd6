package dev.rehearsal.bench;

import static dev.rehearsal.bench.BenchOutput.out;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What Rehearsal adds on top of Temporal: {@code runs} runs of a plan with {@code steps} {@code http} steps against a
 * fast local target, through Rehearsal's real workflow, worker and activities, versus a bare SDK workflow making the
 * same requests with one activity each, on the same in-memory Temporal service, all runs started at once.
 */
public final class OverheadBench {
  private static final List<String> OPTIONS = List.of("runs", "steps", "rounds", "warmup", "warmups", "max-warmups", "only", "archiver", "state-feed", "data-dir");
  private static final String USAGE = "--runs=200 --steps=7 --rounds=10 --warmups=5 --max-warmups=40 --warmup=false --only=bare|rehearsal --no-archiver --state-feed --data-dir=DIR";

  private OverheadBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> given = BenchArgs.parse(args, OPTIONS, USAGE);
    int runs = Integer.parseInt(given.getOrDefault("runs", "200"));
    int steps = Integer.parseInt(given.getOrDefault("steps", "7"));
    int rounds = Integer.parseInt(given.getOrDefault("rounds", "10"));
    // Warm-up batches per side, untimed, until the JIT has settled (see Warmup): at least this many.
    boolean warm = Boolean.parseBoolean(given.getOrDefault("warmup", "true"));
    int warmups = warm ? Integer.parseInt(given.getOrDefault("warmups", "5")) : 0;
    int maxWarmups = warm && warmups > 0 ? Math.max(warmups, Integer.parseInt(given.getOrDefault("max-warmups", "40"))) : 0;
    String only = given.get("only");
    // A profiling aid, not Rehearsal as it runs: what a run costs besides its archiver.
    boolean archiver = Boolean.parseBoolean(given.getOrDefault("archiver", "true"));
    // Also a profiling aid: what local mode's in-process list adds to the worker (RunStateFeed).
    boolean stateFeed = Boolean.parseBoolean(given.getOrDefault("state-feed", "false"));
    Path data = Files.createTempDirectory(dataParent(given.get("data-dir")), "rehearsal-overhead-");
    out("overhead bench: %d runs x %d http steps, all started at once; %d rounds%s; Rehearsal's evidence in %s (%s)%s", runs, steps, rounds,
        warmups > 0 ? " after " + warmups + " to " + maxWarmups + " warm-up batches per side (until the JIT settles)" : "", data,
        fileSystem(data), (archiver ? "" : "; PROFILING: Rehearsal runs start no archiver") + (stateFeed ? "; PROFILING: with RunStateFeed" : ""));
    List<String> sides = new ArrayList<>();
    if (!"rehearsal".equals(only)) {
      sides.add("bare");
    }
    if (!"bare".equals(only)) {
      sides.add("rehearsal");
    }
    try (FastTarget target = new FastTarget()) {
      Batches batches = new Batches(target, data, runs, steps, archiver, stateFeed);
      Warmup warmup = new Warmup(warmups, maxWarmups);
      for (int w = 1; warmup.more(); w++) {
        for (String side : sides) {
          OverheadBatch.Result r = batches.run(side, "warmup" + w);
          report("warm-up", r);
          warmup.add(r);
        }
      }
      out("%s", warmup.summary());
      OverheadResults results = new OverheadResults();
      for (int round = 1; round <= rounds; round++) {
        // Alternate the order, so neither side always runs on the other's leftovers (garbage, page cache, JIT).
        List<String> order = new ArrayList<>(sides);
        if (round % 2 == 0) {
          Collections.reverse(order);
        }
        for (String side : order) {
          OverheadBatch.Result r = batches.run(side, "r" + round);
          report("round " + round, r);
          results.add(r);
        }
      }
      results.print();
    } finally {
      Figures.deleteRecursively(data);
    }
  }

  /**
   * Where Rehearsal's evidence goes: under {@code --data-dir}, else in memory ({@code /dev/shm}, when it is a tmpfs
   * with at least 1 GiB free), else the system's temp directory. Memory by default because of how ext4 without a
   * journal (this VM's root file system) allocates inodes: it passes over those freed in the last 60 s (360 s while
   * their inode table block is dirty), testing each with a buffer-cache lookup. After a mass deletion (the previous
   * bench run's data directory, a test suite's temp files) a batch's 1,400 evidence files cost 0.8–0.9 s of kernel
   * time instead of 0.3 s: the run measured the clean-up before it. No file is flushed to disk in a batch either way
   * (evidence is written without fsync, and no run closes, so nothing is archived).
   */
  private static Path dataParent(String given) throws java.io.IOException {
    if (given != null) {
      return Files.createDirectories(Path.of(given));
    }
    Path shm = Path.of("/dev/shm");
    try {
      if (Files.isDirectory(shm) && Files.isWritable(shm) && fileSystem(shm).equals("tmpfs")
          && Files.getFileStore(shm).getUsableSpace() >= 1L << 30) {
        return shm;
      }
    } catch (java.io.IOException unreadable) {
      // Then the temp directory.
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static String fileSystem(Path dir) {
    try {
      return Files.getFileStore(dir).type();
    } catch (java.io.IOException unknown) {
      return "file system unknown";
    }
  }

  /**
   * Each batch on a fresh in-memory service (real time, as in the snapshot bench): the SDK's test service keeps a
   * list of every time-lock release it ever saw and scans it on each release, so it slows down with all the work
   * it has done; a fresh one per batch gives both sides the same start. Workers are new per batch too; the JIT
   * stays warm (one JVM).
   */
  private record Batches(FastTarget target, Path data, int runs, int steps, boolean archiver, boolean stateFeed) {
    OverheadBatch.Result run(String side, String label) throws InterruptedException {
      ServiceCalls calls = new ServiceCalls();
      TestEnvironmentOptions options = TestEnvironmentOptions.newBuilder().setUseTimeskipping(false)
          .setWorkflowServiceStubsOptions(WorkflowServiceStubsOptions.newBuilder().setGrpcClientInterceptors(List.of(calls)).build())
          .build();
      try (TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance(options)) {
        temporal.start();
        WorkflowClient client = temporal.getWorkflowClient();
        try (OverheadSide s = side.equals("bare") ? new BareSide(client, target.baseUrl(), steps)
            : new RehearsalSide(client, data, target.baseUrl(), steps, archiver, stateFeed)) {
          OverheadBatch.Result result = OverheadBatch.run(s, client, target, runs, steps, label);
          out("  service calls per run (%s): %s", s.name(), calls.perRun(runs));
          return result;
        } finally {
          settle();
        }
      }
    }
  }

  private static void report(String label, OverheadBatch.Result r) {
    out("%-8s %-10s wall %6.3f s  (harness saw %6.3f s, its starts %5.3f s)  process CPU %6.2f s (JIT compilers %5.2f s)  allocated %5.0f MB  history %d events/run",
        label, r.side(), r.wall(), r.observed(), r.starts(), r.cpu(), r.jit(), r.allocatedMb(), r.eventsPerRun());
    out("  CPU s by thread kind: %s", byThread(r));
  }

  private static String byThread(OverheadBatch.Result r) {
    StringBuilder line = new StringBuilder();
    r.cpuByThread().forEach((kind, seconds) -> {
      if (seconds >= 0.01) {
        line.append(line.length() == 0 ? "" : ", ").append(String.format("%s %.2f", kind, seconds));
        Double system = r.systemByThread().get(kind);
        if (system != null) {
          line.append(String.format(" (system %.2f)", system));
        }
      }
    });
    return line.length() == 0 ? "none" : line.toString();
  }

  /**
   * Between batches: a collection, so one side's garbage is not collected on the other's time, and the file systems'
   * dirty data written out (sync), which matters with {@code --data-dir} on disk: written out, the inode table blocks
   * are clean, and ext4 without a journal passes over inodes freed in the last 60 s instead of 360 s (see
   * {@link #dataParent}).
   */
  private static void settle() throws InterruptedException {
    System.gc();
    try {
      new ProcessBuilder("sync").inheritIO().start().waitFor();
    } catch (java.io.IOException noSync) {
      // Not there: batches may then pay for each other's writes.
    }
    Thread.sleep(1000);
  }
}
