package dev.rehearsal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of the JIT's compiler threads ("C1 CompilerThre…", "C2 CompilerThre…"), read from Linux's
 * {@code /proc/self/task}: the JVM hides them from ThreadMXBean, and CompilationMXBean's figure is the compiles'
 * elapsed time, which on two busy cores counts time a compiler waited for a CPU. Compiler threads the JVM retired
 * meanwhile are missed. NaN where /proc cannot be read.
 */
final class CompilerCpu {
  private static final Path TASKS = Path.of("/proc/self/task");
  private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the bench runs on

  private CompilerCpu() {}

  static double seconds() {
    try (Stream<Path> tasks = Files.list(TASKS)) {
      return tasks.mapToLong(CompilerCpu::compilerTicks).sum() / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException unreadable) {
      return Double.NaN;
    }
  }

  /** utime + stime of a compiler thread, 0 for any other thread (or one that ended while read). */
  private static long compilerTicks(Path task) {
    try {
      String stat = Files.readString(task.resolve("stat"));
      // "tid (comm) state ...": comm may hold spaces, so fields are counted after its closing parenthesis.
      String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!comm.startsWith("C1 Compiler") && !comm.startsWith("C2 Compiler")) {
        return 0;
      }
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15 of stat)
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }
}
