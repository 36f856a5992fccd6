package dev.rehearsal.bench;

import static dev.rehearsal.bench.BenchOutput.out;
import static dev.rehearsal.bench.Figures.deleteRecursively;

import dev.rehearsal.testing.PostgresServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Snapshot + restore of a generated ~1 GB database through Rehearsal, against the same {@code pg_dump -Fd -j N -Z0}
 * and {@code pg_restore -j N} typed by hand ({@code bench/hand-copy.sh}) and against a naive {@code pg_dump | psql}
 * pipe ({@code bench/naive-pipe.sh}), all in one process, on the same two embedded PostgreSQL 15 servers.
 *
 * <p>Rehearsal runs on the SDK's in-memory Temporal service with the real activities; its time is from workflow start
 * until the run awaits sign-off, so it includes the census, the dump's sha256 manifest, the re-hash before restoring
 * and the faithful-copy verification. The three methods alternate (the order rotates each round) after one untimed
 * warm-up rehearsal; before each measured copy both servers are checkpointed, and after it staging must hold as many
 * rows as production.
 *
 * <p>Arguments (or system properties {@code bench.rows}, ...): {@code --rows=N} (default 6,000,000, about 1 GB),
 * {@code --rounds=N} (2), {@code --jobs=N} (2), {@code --warmup=false}, {@code --breakdown=false}, {@code
 * --bench-dir=DIR} (where the scripts are; default {@code bench}), {@code --work-dir=DIR} (dumps and evidence; default
 * a fresh temporary directory, deleted at the end).
 */
public final class SnapshotRestoreBench {
  private final SnapshotBenchOptions options;
  private final PostgresServers servers;
  private final Path work;
  private final BenchDatabase db;
  private final ScriptCopies scripts;
  private final SnapshotResults results = new SnapshotResults();

  private SnapshotRestoreBench(SnapshotBenchOptions options, PostgresServers servers, Path work) {
    this.options = options;
    this.servers = servers;
    this.work = work;
    this.db = new BenchDatabase(servers);
    this.scripts = new ScriptCopies(options, servers);
  }

  public static void main(String[] args) throws Exception {
    SnapshotBenchOptions options = SnapshotBenchOptions.parse(args);
    String tools = checkTools();
    Path work = options.workDir() != null ? Files.createDirectories(options.workDir()) : Files.createTempDirectory("rehearsal-bench-");
    int exit = 0;
    try (PostgresServers servers = new PostgresServers()) {
      SnapshotRestoreBench bench = new SnapshotRestoreBench(options, servers, work);
      out("Rehearsal snapshot/restore benchmark, %s; %d cores, Java %s, %s", LocalDate.now(),
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), tools);
      out("rows=%,d rounds=%d jobs=%d warmup=%s breakdown=%s work=%s", options.rows(), options.rounds(), options.jobs(),
          options.warmup(), options.breakdown(), work);
      bench.run();
    } catch (Throwable t) {
      exit = 1;
      System.out.flush();
      System.err.println("BENCHMARK FAILED: " + t);
      t.printStackTrace();
    } finally {
      deleteRecursively(work);
    }
    System.out.flush();
    // Temporal's and the driver's thread pools need not keep the JVM alive once the numbers are out.
    System.exit(exit);
  }

  private void run() throws Exception {
    db.generate(options.rows());
    try (RehearsalRunner rehearsal = new RehearsalRunner(options.jobs(), servers, work)) {
      if (options.warmup()) {
        out("");
        out("warm-up (untimed): one full rehearsal, so the JVM, Temporal and the page cache are as in a running worker");
        RehearsalTiming w = rehearsal.rehearse("warmup");
        db.checkStagingRows(CopyMethod.REHEARSAL);
        out("  warm-up rehearsal took %.2f s", w.total());
      }
      out("");
      CopyMethod[] methods = CopyMethod.values();
      for (int round = 0; round < options.rounds(); round++) {
        out("round %d of %d", round + 1, options.rounds());
        for (int k = 0; k < methods.length; k++) {
          CopyMethod m = methods[(round + k) % methods.length];
          db.checkpoint();
          double seconds = switch (m) {
            case HAND -> scripts.hand(work.resolve("hand-dump"));
            case REHEARSAL -> {
              RehearsalTiming t = rehearsal.rehearse("r" + (round + 1));
              results.addRehearsal(t);
              yield t.total();
            }
            case NAIVE -> scripts.naive();
          };
          results.add(m, seconds);
          db.checkStagingRows(m);
          results.printCopy(m, seconds, scripts);
        }
      }
      results.report(db, options.jobs(), options.rounds());
      if (options.breakdown()) {
        new RehearsalBreakdown(servers, db, scripts, rehearsal, results, work, options.jobs()).print();
      }
    }
  }

  /** pg_dump, pg_restore, psql, createdb and dropdb must run and be PostgreSQL 15, the servers' major version. */
  private static String checkTools() throws IOException, InterruptedException {
    String versions = "";
    for (String tool : List.of("pg_dump", "pg_restore", "psql", "createdb", "dropdb")) {
      Process p;
      try {
        p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new IllegalStateException(tool + " is not on PATH: install postgresql-client-15 (" + e.getMessage() + ")");
      }
      String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() != 0 || !version.matches(".*\\(PostgreSQL\\) 15\\..*")) {
        throw new IllegalStateException(tool + " must be PostgreSQL 15 like the embedded servers, found: " + version);
      }
      if (tool.equals("pg_dump")) {
        versions = version;
      }
    }
    return versions;
  }
}
