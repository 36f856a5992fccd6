package dev.rehearsal.bench;

import static dev.rehearsal.bench.BenchOutput.out;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rounds' figures per side: medians, and Rehearsal's wall time as a multiple of the bare SDK's. */
final class OverheadResults {
  private static final double GOAL = 1.2;

  private final Map<String, List<OverheadBatch.Result>> bySide = new LinkedHashMap<>();

  void add(OverheadBatch.Result r) {
    bySide.computeIfAbsent(r.side(), s -> new ArrayList<>()).add(r);
  }

  void print() {
    out("");
    out("| side | median wall s | rounds (wall s) | median process CPU s | of it JIT compilers s (median) | median allocated MB | history events/run |");
    out("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
    for (Map.Entry<String, List<OverheadBatch.Result>> e : bySide.entrySet()) {
      List<OverheadBatch.Result> rs = e.getValue();
      out("| %s | %.3f | %s | %.2f | %.2f | %.0f | %d |", e.getKey(), Figures.median(walls(rs)), Figures.list(walls(rs)),
          Figures.median(rs.stream().map(OverheadBatch.Result::cpu).toList()),
          Figures.median(rs.stream().map(OverheadBatch.Result::jit).toList()),
          Figures.median(rs.stream().map(OverheadBatch.Result::allocatedMb).toList()), rs.get(0).eventsPerRun());
    }
    List<OverheadBatch.Result> bare = bySide.get("bare SDK");
    List<OverheadBatch.Result> rehearsal = bySide.get("rehearsal");
    if (bare == null || rehearsal == null) {
      return;
    }
    double ratio = Figures.median(walls(rehearsal)) / Figures.median(walls(bare));
    List<Double> perRound = new ArrayList<>();
    for (int i = 0; i < Math.min(bare.size(), rehearsal.size()); i++) {
      perRound.add(rehearsal.get(i).wall() / bare.get(i).wall());
    }
    double cpuRatio = Figures.median(rehearsal.stream().map(OverheadBatch.Result::cpu).toList())
        / Figures.median(bare.stream().map(OverheadBatch.Result::cpu).toList());
    double allocatedRatio = Figures.median(rehearsal.stream().map(OverheadBatch.Result::allocatedMb).toList())
        / Figures.median(bare.stream().map(OverheadBatch.Result::allocatedMb).toList());
    // Two estimates of one ratio: the medians' ratio, and the median of each round's own ratio (its two batches ran
    // back to back, so a slower spell of this virtual machine, if it lasts a round, hits both alike). The goal counts
    // as met only when both are within it.
    double paired = Figures.median(perRound);
    boolean met = ratio <= GOAL && paired <= GOAL;
    out("");
    out("rehearsal / bare SDK wall time: %.2fx (medians' ratio); %.2fx (median of the rounds' own ratios %s); goal <= %.1fx by both: %s;"
        + " process CPU %.2fx; allocated %.2fx", ratio, paired, Figures.list(perRound), GOAL, met ? "met" : "missed", cpuRatio, allocatedRatio);
  }

  private static List<Double> walls(List<OverheadBatch.Result> rs) {
    return rs.stream().map(OverheadBatch.Result::wall).toList();
  }
}
