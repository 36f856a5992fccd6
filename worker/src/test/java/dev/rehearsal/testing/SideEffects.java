package dev.rehearsal.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/** The log a test's command steps append to ({@code echo before >> log}): which steps ran, and how often. */
public final class SideEffects {
  private SideEffects() {}

  /** The log's lines; none while no step has written it. */
  public static List<String> lines(Path log) {
    try {
      return Files.exists(log) ? Files.readAllLines(log) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void assertRanOnce(Path log, String... steps) {
    List<String> lines = lines(log);
    for (String step : steps) {
      assertThat(Collections.frequency(lines, step)).as("step " + step + " ran once").isEqualTo(1);
    }
  }
}
