package dev.rehearsal.bench;

import static dev.rehearsal.bench.BenchOutput.out;
import static dev.rehearsal.bench.Figures.best;
import static dev.rehearsal.bench.Figures.gb;
import static dev.rehearsal.bench.Figures.list;
import static dev.rehearsal.bench.Figures.median;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The snapshot/restore benchmark's timings: one line per copy, then the table and the ratios to the references. */
final class SnapshotResults {
  private final Map<CopyMethod, List<Double>> times = new EnumMap<>(CopyMethod.class);
  private final List<RehearsalTiming> rehearsals = new ArrayList<>();

  SnapshotResults() {
    for (CopyMethod m : CopyMethod.values()) {
      times.put(m, new ArrayList<>());
    }
  }

  void addRehearsal(RehearsalTiming t) {
    rehearsals.add(t);
  }

  void add(CopyMethod m, double seconds) {
    times.get(m).add(seconds);
  }

  List<Double> times(CopyMethod m) {
    return times.get(m);
  }

  List<RehearsalTiming> rehearsals() {
    return rehearsals;
  }

  void printCopy(CopyMethod m, double seconds, ScriptCopies scripts) {
    out("  %-10s %7.2f s%s", m.label, seconds, details(m, scripts));
  }

  private String details(CopyMethod m, ScriptCopies scripts) {
    return switch (m) {
      case HAND -> scripts.lastHandPhases();
      case REHEARSAL -> {
        RehearsalTiming t = rehearsals.get(rehearsals.size() - 1);
        yield String.format(Locale.ROOT, "   (snapshot step %.2f [pg_dump %.2f], restore step %.2f [pg_restore %.2f], "
            + "outside steps %.2f; dump %s)", t.snapshotStep(), t.pgDump(), t.restoreStep(), t.pgRestore(), t.outsideSteps(),
            gb(t.dumpBytes()));
      }
      case NAIVE -> "";
    };
  }

  void report(BenchDatabase db, int jobs, int rounds) {
    out("");
    out("Results: %,d rows, pg_database_size %s, jobs=%d, %d round(s), %d cores", db.productionRows(), gb(db.databaseBytes()),
        jobs, rounds, Runtime.getRuntime().availableProcessors());
    out("| method | best s | median s | runs (s) | what |");
    out("| --- | ---: | ---: | --- | --- |");
    for (CopyMethod m : CopyMethod.values()) {
      List<Double> t = times.get(m);
      out("| %s | %.2f | %.2f | %s | %s |", m.label, best(t), median(t), list(t), m.what);
    }
    double rh = median(times.get(CopyMethod.REHEARSAL));
    double hand = median(times.get(CopyMethod.HAND));
    double naive = median(times.get(CopyMethod.NAIVE));
    out("");
    out("rehearsal / hand       = %.2f× (goal ≤ 1.10×)  [medians; best/best %.2f×]", rh / hand,
        best(times.get(CopyMethod.REHEARSAL)) / best(times.get(CopyMethod.HAND)));
    out("rehearsal / naive pipe = %.2f×  [medians; best/best %.2f×]", rh / naive,
        best(times.get(CopyMethod.REHEARSAL)) / best(times.get(CopyMethod.NAIVE)));
    out("database size: %s (%,d bytes), %,d rows; dump directory %s", gb(db.databaseBytes()), db.databaseBytes(),
        db.productionRows(), gb(rehearsals.get(0).dumpBytes()));
    RehearsalTiming lastRun = rehearsals.get(rehearsals.size() - 1);
    out("last rehearsal's step summaries:");
    out("  %s: %s", RehearsalRunner.SNAPSHOT_STEP, lastRun.snapshotSummary());
    out("  %s: %s", RehearsalRunner.RESTORE_STEP, lastRun.restoreSummary());
  }
}
