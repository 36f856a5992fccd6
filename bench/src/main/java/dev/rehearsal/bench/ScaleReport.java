package dev.rehearsal.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one run of the scale benchmark, each beside its goal with PASS or MISS; reference figures (no goal)
 * say REF. Each is printed as it is measured and all again as one table at the end.
 */
final class ScaleReport {
  private record Row(String figure, String value, String goal, String verdict) {}

  private final List<Row> rows = new ArrayList<>();

  void goal(String figure, String value, String goal, boolean met) {
    add(new Row(figure, value, goal, met ? "PASS" : "MISS"));
  }

  /** A latency figure whose goal is on its p95. */
  void p95(String figure, ScaleLatencies latencies, double goalMs) {
    goal(figure, latencies.summary(), "p95 ≤ " + ScaleLatencies.ms(goalMs) + " ms", latencies.p95() <= goalMs);
  }

  void reference(String figure, String value) {
    add(new Row(figure, value, "–", "REF"));
  }

  private void add(Row row) {
    rows.add(row);
    BenchOutput.out("%-4s %s: %s (goal %s)", row.verdict(), row.figure(), row.value(), row.goal());
  }

  void printTable() {
    BenchOutput.out("");
    BenchOutput.out("| figure | measured (p50 / p95 / max) | goal | |");
    BenchOutput.out("| --- | --- | --- | --- |");
    for (Row row : rows) {
      BenchOutput.out("| %s | %s | %s | %s |", row.figure(), row.value(), row.goal(), row.verdict());
    }
    long missed = rows.stream().filter(r -> r.verdict().equals("MISS")).count();
    long met = rows.stream().filter(r -> r.verdict().equals("PASS")).count();
    BenchOutput.out("");
    BenchOutput.out("%d goals met, %d missed", met, missed);
  }
}
