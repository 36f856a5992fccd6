package dev.rehearsal.cli;

import java.io.PrintStream;
import java.util.Map;

/** What a command writes to and reads its environment from. */
record Terminal(PrintStream out, PrintStream err, Map<String, String> env) {
  static final String STDOUT_FAILED = "cannot write to stdout (a full disk, or a closed pipe?)";

  /**
   * Fails (exit 74) when stdout has refused a write: a PrintStream only remembers it, and a pipeline must not pass a
   * job whose output (a run id, a report) went nowhere.
   */
  void checkOut() {
    if (out.checkError()) {
      throw new CliFailure(ExitCode.OUTPUT_FAILED, STDOUT_FAILED);
    }
  }
}
