package dev.rehearsal.bench;

import static dev.rehearsal.bench.BenchOutput.out;
import static dev.rehearsal.bench.Figures.deleteRecursively;
import static dev.rehearsal.bench.Figures.gb;
import static dev.rehearsal.bench.Figures.median;
import static dev.rehearsal.bench.Figures.seconds;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.testing.PostgresServers;
import dev.rehearsal.workflows.steps.EvidenceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where Rehearsal's extra time goes: its step timings next to the hand script's phases, then each extra piece of work
 * measured alone on the quiet servers (census counts, sha256 of the dump, pg_restore --list, Temporal round trips).
 */
final class RehearsalBreakdown {
  private final PostgresServers servers;
  private final BenchDatabase db;
  private final ScriptCopies scripts;
  private final RehearsalRunner rehearsal;
  private final SnapshotResults results;
  private final Path work;
  private final int jobs;

  RehearsalBreakdown(PostgresServers servers, BenchDatabase db, ScriptCopies scripts, RehearsalRunner rehearsal,
      SnapshotResults results, Path work, int jobs) {
    this.servers = servers;
    this.db = db;
    this.scripts = scripts;
    this.rehearsal = rehearsal;
    this.results = results;
    this.work = work;
    this.jobs = jobs;
  }

  void print() throws Exception {
    stepsAgainstPhases();
    piecesAlone();
  }

  private void stepsAgainstPhases() {
    List<RehearsalTiming> rehearsals = results.rehearsals();
    out("");
    out("Breakdown of Rehearsal's time (medians over the rounds)");
    double snapStep = median(rehearsals.stream().map(RehearsalTiming::snapshotStep).toList());
    double pgDump = median(rehearsals.stream().map(RehearsalTiming::pgDump).toList());
    double restStep = median(rehearsals.stream().map(RehearsalTiming::restoreStep).toList());
    double pgRestore = median(rehearsals.stream().map(RehearsalTiming::pgRestore).toList());
    double outside = median(rehearsals.stream().map(RehearsalTiming::outsideSteps).toList());
    double handDump = median(scripts.handPhase("dump"));
    double handRecreate = median(scripts.handPhase("recreate"));
    double handRestore = median(scripts.handPhase("restore"));
    double rehearsalTotal = median(results.times(CopyMethod.REHEARSAL));
    double handTotal = median(results.times(CopyMethod.HAND));
    out("| part | rehearsal s | hand s | difference s |");
    out("| --- | ---: | ---: | ---: |");
    out("| pg_dump | %.2f | %.2f | %+.2f |", pgDump, handDump, pgDump - handDump);
    out("| rest of the snapshot step (census wait, pg_restore --list, sha256 manifest) | %.2f | - | %+.2f |", snapStep - pgDump,
        snapStep - pgDump);
    out("| recreate (dropdb+createdb) | (in the restore step) | %.2f | |", handRecreate);
    out("| pg_restore | %.2f | %.2f | %+.2f |", pgRestore, handRestore, pgRestore - handRestore);
    out("| rest of the restore step (recreate, re-hash wait, census of the copy) | %.2f | %.2f (recreate) | %+.2f |",
        restStep - pgRestore, handRecreate, restStep - pgRestore - handRecreate);
    out("| outside the steps (workflow start, scheduling, 50 ms polling) | %.2f | - | %+.2f |", outside, outside);
    out("| total | %.2f | %.2f | %+.2f |", rehearsalTotal, handTotal, rehearsalTotal - handTotal);
  }

  private void piecesAlone() throws Exception {
    out("");
    out("Each extra piece of Rehearsal's work, measured alone (best of 3 unless said):");
    try (Connection prod = servers.appConnection(true)) {
      double census = bestOf(3, () -> BenchDatabase.timeCount(prod));
      out("  source census, count(*) of %,d rows on production (frozen, hinted): %.2f s", db.productionRows(), census);
    }

    // A fresh hand copy into staging and a dump in the evidence store, both untimed here, then the pieces on them.
    EvidenceStore evidence = rehearsal.evidence();
    Path dumpDir = evidence.directory("breakdown", "dump.dump");
    db.checkpoint();
    scripts.hand(work.resolve("hand-dump"));
    try (Connection staging = servers.appConnection(false)) {
      double first = BenchDatabase.timeCount(staging);
      double second = bestOf(3, () -> BenchDatabase.timeCount(staging));
      out("  copy census, count(*) on a freshly restored copy: first read %.2f s (the first reader of the new rows), "
          + "later reads %.2f s", first, second);
    }
    deleteRecursively(dumpDir);
    Files.createDirectories(dumpDir.getParent());
    runTool(scripts.environment(), "pg_dump", "-Fd", "-j", String.valueOf(jobs), "-Z0", "-f", dumpDir.toString(),
        servers.productionUrlWithoutPassword());
    long dumpBytes = EvidenceStore.size(dumpDir);
    List<EvidenceRef> sealed = new ArrayList<>();
    double seal = bestOf(3, () -> {
      long t0 = System.nanoTime();
      sealed.clear();
      sealed.addAll(evidence.sealDirectory("breakdown", "dump.dump"));
      return seconds(t0);
    });
    double rehash = bestOf(3, () -> {
      long t0 = System.nanoTime();
      List<String> changed = evidence.changedFiles("breakdown", "dump.dump", sealed.get(0).sha256());
      if (!changed.isEmpty()) {
        throw new IllegalStateException("dump changed: " + changed);
      }
      return seconds(t0);
    });
    out("  sha256 manifest of the %s dump (snapshot step, after pg_dump): %.2f s = %.0f MB/s on one core", gb(dumpBytes), seal,
        dumpBytes / 1e6 / seal);
    out("  re-hash of the dump (restore step, concurrent with recreate + pg_restore): %.2f s", rehash);
    double list = bestOf(3, () -> {
      long t0 = System.nanoTime();
      runTool(Map.of(), "pg_restore", "--list", dumpDir.toString());
      return seconds(t0);
    });
    out("  pg_restore --list of the dump: %.2f s", list);
    deleteRecursively(dumpDir);

    double empty = bestOf(3, () -> rehearsal.runUntilSignoff("bench-empty-" + UUID.randomUUID().toString().substring(0, 8),
        Plans.parse(RehearsalRunner.plan("signoff: {}\n"))).seconds());
    double twoSteps = bestOf(3, () -> rehearsal.runUntilSignoff("bench-noop-" + UUID.randomUUID().toString().substring(0, 8),
        Plans.parse(RehearsalRunner.plan("""
            preflight:
              - { name: noop-1, sql: { target: staging-db, query: "select 1" } }
              - { name: noop-2, sql: { target: staging-db, query: "select 1" } }
            signoff: {}
            """))).seconds());
    out("  Temporal: a plan with only signoff, start to AWAITING_APPROVAL: %.3f s; with two no-op sql steps: %.3f s "
        + "(%.3f s per step, JDBC connect included)", empty, twoSteps, (twoSteps - empty) / 2);
  }

  private void runTool(Map<String, String> env, String... argv) {
    try {
      ProcessBuilder builder = new ProcessBuilder(argv);
      builder.environment().putAll(env);
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.redirectError(ProcessBuilder.Redirect.INHERIT);
      Process p = builder.start();
      p.getOutputStream().close();
      if (p.waitFor() != 0) {
        throw new IllegalStateException(argv[0] + " exited " + p.exitValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private interface Measurement {
    double seconds() throws Exception;
  }

  private static double bestOf(int n, Measurement m) throws Exception {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      best = Math.min(best, m.seconds());
    }
    return best;
  }
}
