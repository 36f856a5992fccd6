package dev.rehearsal.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** External commands the load benchmark runs and reads (wrk, getconf). */
final class Commands {
  private Commands() {}

  /** Runs a command to completion and returns its stdout (stderr passes through); fails on a non-zero exit. */
  static String capture(List<String> argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().close();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " exited " + p.exitValue() + ":\n" + text);
    }
    return text;
  }
}
