package dev.rehearsal.bench;

import java.util.Arrays;

/** The two shapes of a ~1 GB database the copy benchmark measures. */
enum CopyShape {
  ONE_TABLE("one", "one table"),
  MANY_TABLES("many", "many tables of mixed sizes");

  final String key;
  final String label;

  CopyShape(String key, String label) {
    this.key = key;
    this.label = label;
  }

  static CopyShape of(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key.strip())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown shape " + key + " (one, many)"));
  }
}
