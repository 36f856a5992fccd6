package dev.rehearsal.bench;

import static dev.rehearsal.bench.BenchOutput.out;
import static dev.rehearsal.bench.Figures.deleteRecursively;

import dev.rehearsal.testing.PostgresServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * {@code postgres.copy} against the two hand copies that keep a reusable snapshot ({@code bench/hand-stream.sh}: {@code
 * pg_dump -Fc -Z0 | tee | pg_restore}; {@code bench/hand-copy.sh}: {@code -Fd -j N} + {@code pg_restore -j N}), on two
 * shapes of a ~1 GB production database: one table, and many tables of mixed sizes. Rehearsal runs each method
 * ({@code auto}, {@code stream}, {@code directory}) on the SDK's in-memory Temporal service with the real activities,
 * timed from workflow start until the run awaits sign-off (census, hashing and verification included), with the
 * phases its copy.json records. The order of the methods rotates every round and is reversed every other round;
 * before each copy both servers are checkpointed; after it staging must hold every row.
 *
 * <p>Arguments (or system properties {@code bench.rows}, ...): {@code --rows=N} (6,000,000 per shape, about 1 GB),
 * {@code --tables=N} (50), {@code --rounds=N} (2), {@code --jobs=N} (2), {@code --shapes=one,many}, {@code
 * --warmup=false}, {@code --bench-dir=DIR}, {@code --work-dir=DIR}.
 */
public final class CopyBench {
  private CopyBench() {}

  public static void main(String[] args) throws Exception {
    CopyBenchOptions options = CopyBenchOptions.parse(args);
    Path work = options.workDir() != null ? Files.createDirectories(options.workDir()) : Files.createTempDirectory("rehearsal-copy-bench-");
    int exit = 0;
    try (PostgresServers servers = new PostgresServers()) {
      out("Rehearsal copy benchmark, %s; %d cores, Java %s", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      out("rows=%,d tables=%d rounds=%d jobs=%d shapes=%s work=%s", options.rows(), options.tables(), options.rounds(), options.jobs(),
          options.shapes(), work);
      run(options, servers, work);
    } catch (Throwable t) {
      exit = 1;
      System.out.flush();
      System.err.println("BENCHMARK FAILED: " + t);
      t.printStackTrace();
    } finally {
      deleteRecursively(work);
    }
    System.out.flush();
    System.exit(exit);
  }

  private static void run(CopyBenchOptions options, PostgresServers servers, Path work) throws Exception {
    ShapedDatabase db = new ShapedDatabase(servers);
    ScriptCopies scripts = new ScriptCopies(options.scripts(), servers);
    CopyResults results = new CopyResults();
    CopyRun[] runs = CopyRun.values();
    try (RehearsalRunner rehearsal = new RehearsalRunner(options.jobs(), servers, work)) {
      for (CopyShape shape : options.shapes()) {
        out("");
        out("shape: %s", shape.label);
        db.generate(shape, options.rows(), shape == CopyShape.ONE_TABLE ? 1 : options.tables());
        results.startShape(shape, db.bytes(), db.tables().size());
        if (options.warmup()) {
          RehearsalRunner.Timed<String> w = rehearsal.copy("warmup", "auto");
          db.checkStagingRows("warm-up");
          out("  warm-up (untimed) rehearsal auto took %.2f s: %s", w.seconds(), w.value());
        }
        for (int round = 0; round < options.rounds(); round++) {
          out("  round %d of %d, load average %s", round + 1, options.rounds(), CopyResults.loadAverage());
          for (int k = 0; k < runs.length; k++) {
            // Rotated every round, and reversed every other round: a plain rotation would keep each method right
            // after the same one (rehearsal auto always after hand directory), and the one before leaves work behind.
            int position = round % 2 == 0 ? k : runs.length - 1 - k;
            CopyRun m = runs[(round + position) % runs.length];
            db.checkpoint();
            String detail = "";
            double seconds;
            switch (m) {
              case HAND_STREAM -> seconds = scripts.handStream(work.resolve("hand-stream.dump"));
              case HAND_DIRECTORY -> {
                seconds = scripts.hand(work.resolve("hand-dump"));
                detail = scripts.lastHandPhases();
              }
              default -> {
                RehearsalRunner.Timed<String> t = rehearsal.copy(shape.key + "-r" + (round + 1), m.method());
                seconds = t.seconds();
                detail = "   (" + t.value() + ")";
                results.chose(m, t.value());
              }
            }
            db.checkStagingRows(m.label);
            results.add(m, seconds);
            out("    %-20s %7.2f s%s", m.label, seconds, detail);
            if (!m.hand) {
              out("    %-20s phases: %s", "", rehearsal.lastCopyPhases());
            }
          }
        }
        results.reportShape();
      }
    }
    results.reportAll();
  }
}
