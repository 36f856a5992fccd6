package dev.rehearsal.activities.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a process does with SIGTERM, as Linux reports it in /proc/PID/status. */
final class Signals {
  private static final long SIGTERM_BIT = 1L << (15 - 1);

  private Signals() {}

  /**
   * Whether the process catches, ignores or blocks SIGTERM, that is: whether a SIGTERM leaves it running for a reason
   * other than being a namespace's init. A process that is gone (or unreadable) does not.
   */
  static boolean handlesTerm(ProcessHandle process) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("SigBlk:") || line.startsWith("SigIgn:") || line.startsWith("SigCgt:")) {
          if ((Long.parseUnsignedLong(line.substring(7).trim(), 16) & SIGTERM_BIT) != 0) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException | RuntimeException gone) {
      return false;
    }
  }
}
