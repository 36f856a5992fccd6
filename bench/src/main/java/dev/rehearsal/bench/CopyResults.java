package dev.rehearsal.bench;

import static dev.rehearsal.bench.BenchOutput.out;
import static dev.rehearsal.bench.Figures.best;
import static dev.rehearsal.bench.Figures.gb;
import static dev.rehearsal.bench.Figures.list;
import static dev.rehearsal.bench.Figures.median;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The copy benchmark's timings per shape: a table per shape, then Rehearsal's ratios to the fastest hand copy. */
final class CopyResults {
  private final Map<CopyShape, String> summaries = new LinkedHashMap<>();
  private Map<CopyRun, List<Double>> times;
  private Map<CopyRun, String> chosen;
  private CopyShape shape;
  private String header;

  void startShape(CopyShape s, long bytes, int tables) {
    shape = s;
    times = new EnumMap<>(CopyRun.class);
    chosen = new EnumMap<>(CopyRun.class);
    for (CopyRun m : CopyRun.values()) {
      times.put(m, new ArrayList<>());
    }
    header = String.format(java.util.Locale.ROOT, "%s: %d table(s), pg_database_size %s, load average at start %s", s.label, tables,
        gb(bytes), loadAverage());
  }

  void add(CopyRun m, double seconds) {
    times.get(m).add(seconds);
  }

  void chose(CopyRun m, String method) {
    chosen.put(m, method);
  }

  void reportShape() {
    out("");
    out("Results, %s; load average at end %s", header, loadAverage());
    out("| method | best s | median s | runs (s) | what |");
    out("| --- | ---: | ---: | --- | --- |");
    for (CopyRun m : CopyRun.values()) {
      List<Double> t = times.get(m);
      out("| %s | %.2f | %.2f | %s | %s |", m.label, best(t), median(t), list(t), m.what);
    }
    CopyRun fastest = median(times.get(CopyRun.HAND_STREAM)) <= median(times.get(CopyRun.HAND_DIRECTORY))
        ? CopyRun.HAND_STREAM : CopyRun.HAND_DIRECTORY;
    double hand = median(times.get(fastest));
    double auto = median(times.get(CopyRun.REHEARSAL_AUTO));
    String ratio = String.format(java.util.Locale.ROOT, "rehearsal auto / fastest hand (%s) = %.2f× (goal ≤ 1.10×) [medians; best/best %.2f×]; "
        + "auto chose %s", fastest.label, auto / hand, best(times.get(CopyRun.REHEARSAL_AUTO)) / best(times.get(fastest)),
        chosen.get(CopyRun.REHEARSAL_AUTO));
    out("");
    out("%s", ratio);
    out("rehearsal stream / hand stream = %.2f×; rehearsal directory / hand directory = %.2f× [medians]",
        median(times.get(CopyRun.REHEARSAL_STREAM)) / median(times.get(CopyRun.HAND_STREAM)),
        median(times.get(CopyRun.REHEARSAL_DIRECTORY)) / median(times.get(CopyRun.HAND_DIRECTORY)));
    summaries.put(shape, ratio);
  }

  void reportAll() {
    out("");
    out("Summary");
    summaries.forEach((s, ratio) -> out("  %s: %s", s.label, ratio));
  }

  /** The 1, 5 and 15 minute load averages: the machine is shared, so each figure says how busy it was. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
