package dev.rehearsal.bench;

/** One rehearsal, timed from outside, with what its steps reported. */
record RehearsalTiming(
    double total, double snapshotStep, double restoreStep, double pgDump, double pgRestore, long dumpBytes, String snapshotSummary,
    String restoreSummary) {
  double outsideSteps() {
    return total - snapshotStep - restoreStep;
  }
}
