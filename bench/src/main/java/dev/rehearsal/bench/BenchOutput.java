package dev.rehearsal.bench;

import java.util.Locale;

/** Results go to stdout, one flushed line at a time, so they interleave correctly with the logs on stderr. */
final class BenchOutput {
  private BenchOutput() {}

  static void out(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
