package dev.rehearsal.activities.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a program the way {@code execvp} would, before a wrapper runs it. */
final class Programs {
  private Programs() {}

  /** Whether {@code program} names a file (a path, relative to {@code dir}) or is found on {@code path}. */
  static boolean exists(String program, String path, File dir) {
    if (program.contains("/")) {
      Path p = Path.of(program);
      return Files.isRegularFile(p.isAbsolute() || dir == null ? p : dir.toPath().resolve(p));
    }
    for (String entry : path.split(":")) {
      if (!entry.isEmpty() && Files.isRegularFile(Path.of(entry, program))) {
        return true;
      }
    }
    return false;
  }
}
