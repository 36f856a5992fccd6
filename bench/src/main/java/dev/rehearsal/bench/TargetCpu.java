package dev.rehearsal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The CPU time of the load target (nginx master and workers), read from {@code /proc}. */
final class TargetCpu {
  private final Long targetPid;
  private final long clockTicks;

  TargetCpu(Long targetPid) {
    this.targetPid = targetPid;
    this.clockTicks = clockTicks();
  }

  /** User + system seconds of the target process and its descendants (nginx workers); -1 without --target-pid. */
  double seconds() {
    if (targetPid == null) {
      return -1;
    }
    ProcessHandle root = ProcessHandle.of(targetPid)
        .orElseThrow(() -> new IllegalStateException("target process " + targetPid + " is gone"));
    long ticks = 0;
    for (ProcessHandle p : Stream.concat(Stream.of(root), root.descendants()).toList()) {
      try {
        String stat = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat"));
        // Fields after the parenthesised command: state is field 3, utime 14, stime 15.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (IOException gone) {
        // A worker that exited in between; nginx does not do that while serving.
      }
    }
    return (double) ticks / clockTicks;
  }

  private static long clockTicks() {
    try {
      return Long.parseLong(Commands.capture(List.of("getconf", "CLK_TCK")).strip());
    } catch (Exception e) {
      return 100;
    }
  }
}
