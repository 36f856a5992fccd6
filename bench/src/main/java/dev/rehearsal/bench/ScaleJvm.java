package dev.rehearsal.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The app's memory from outside its process: live heap after a full GC ({@code jcmd}), and RSS ({@code /proc}). */
final class ScaleJvm {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private static final Pattern KB = Pattern.compile("(\\d+) kB");

  private final long pid;

  ScaleJvm(long pid) {
    this.pid = pid;
  }

  /**
   * {@code jcmd GC.run} (a full, stop-the-world collection; twice, so objects freed by finalization or reference
   * processing in the first are gone too), then the heap's used size from {@code GC.heap_info}: the generations'
   * (G1: the whole heap's) "used", Metaspace left out.
   */
  long liveHeapBytes() {
    jcmd("GC.run");
    jcmd("GC.run");
    long kb = 0;
    for (String line : jcmd("GC.heap_info").split("\n")) {
      Matcher used = USED.matcher(line);
      if (!line.contains("Metaspace") && !line.contains("class space") && used.find()) {
        kb += Long.parseLong(used.group(1));
      }
    }
    return kb * 1024;
  }

  /** The JVM's flags as the process has them ({@code jcmd VM.flags}), for the record. */
  String flags() {
    String out = jcmd("VM.flags");
    int colon = out.indexOf("\n");
    return (colon >= 0 ? out.substring(colon + 1) : out).trim();
  }

  long rssBytes() {
    return procStatus("VmRSS:");
  }

  /** The most RSS the process has had so far. */
  long peakRssBytes() {
    return procStatus("VmHWM:");
  }

  private long procStatus(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        Matcher kb = KB.matcher(line);
        if (line.startsWith(field) && kb.find()) {
          return Long.parseLong(kb.group(1)) * 1024;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
  }

  private String jcmd(String command) {
    try {
      Process process = new ProcessBuilder(List.of("jcmd", Long.toString(pid), command)).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }
}
