package dev.rehearsal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one run of the scale benchmark, each beside its goal with PASS or MISS; reference figures (no goal)
 * say REF. Each is printed as it is measured, with the machine's load average (1 min) at that moment (the machine may
 * be shared), and all again as one table at the end.
 */
final class ScaleReport {
  private record Row(String figure, String value, String goal, String verdict, String load) {}

  private final List<Row> rows = new ArrayList<>();

  void goal(String figure, String value, String goal, boolean met) {
    add(new Row(figure, value, goal, met ? "PASS" : "MISS", loadAverage(0)));
  }

  /** A latency figure whose goal is on its p95; any failed request misses it too. */
  void p95(String figure, ScaleLatencies latencies, double goalMs) {
    goal(figure, latencies.summary(), "p95 ≤ " + ScaleLatencies.ms(goalMs) + " ms",
        latencies.p95() <= goalMs && latencies.failed() == 0);
  }

  void reference(String figure, String value) {
    add(new Row(figure, value, "–", "REF", loadAverage(0)));
  }

  private void add(Row row) {
    rows.add(row);
    BenchOutput.out("%-4s %s: %s (goal %s; load %s)", row.verdict(), row.figure(), row.value(), row.goal(), row.load());
  }

  void printTable() {
    BenchOutput.out("");
    BenchOutput.out("| figure | measured (p50 / p95 / max) | goal | | load |");
    BenchOutput.out("| --- | --- | --- | --- | ---: |");
    for (Row row : rows) {
      BenchOutput.out("| %s | %s | %s | %s | %s |", row.figure(), row.value(), row.goal(), row.verdict(), row.load());
    }
    long missed = rows.stream().filter(r -> r.verdict().equals("MISS")).count();
    long met = rows.stream().filter(r -> r.verdict().equals("PASS")).count();
    BenchOutput.out("");
    BenchOutput.out("%d goals met, %d missed", met, missed);
  }

  /** The load average over 1, 5 or 15 minutes ({@code which} 0, 1, 2), as /proc/loadavg has it. */
  static String loadAverage(int which) {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[which];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
