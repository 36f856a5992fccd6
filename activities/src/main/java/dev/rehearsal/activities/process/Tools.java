package dev.rehearsal.activities.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Small system programs the worker asks once, at start-up. */
final class Tools {
  private Tools() {}

  /** The program's trimmed standard output; a failure names the command, never hangs. */
  static String output(String... argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalArgumentException(String.join(" ", argv) + " failed");
      }
      return new String(out, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new IllegalArgumentException(String.join(" ", argv) + " cannot run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Whether the program exits 0 (within ten seconds). */
  static boolean succeeds(String... argv) {
    try {
      output(argv);
      return true;
    } catch (IllegalArgumentException failed) {
      return false;
    }
  }

  /** The program's path on the worker's PATH, or null. */
  static Path onPath(String program) {
    String path = System.getenv("PATH");
    return path == null ? null : Arrays.stream(path.split(":"))
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst().orElse(null);
  }
}
