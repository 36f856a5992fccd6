package dev.rehearsal.activities.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Reports show which way a gate's bounds go: at most for latency, at least for coverage. */
class FormatTest {
  @Test
  void upperAndLowerBoundsReadTheirWay() {
    assertThat(Format.thresholds(new TreeMap<>(Map.of("pass", 1200.0, "warn", 2000.0)))).isEqualTo("pass ≤ 1200, warn ≤ 2000");
    assertThat(Format.thresholds(new TreeMap<>(Map.of("passAtLeast", 65.0, "warnAtLeast", 60.0)))).isEqualTo("pass ≥ 65, warn ≥ 60");
  }
}
