package dev.rehearsal.activities.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reports show which way a gate's bounds go: at most for latency, at least for coverage. */
class FormatTest {
  @Test
  void upperAndLowerBoundsReadTheirWay() {
    Map<String, Double> upper = new LinkedHashMap<>();
    upper.put("pass", 1200.0);
    upper.put("warn", 2000.0);
    Map<String, Double> lower = new LinkedHashMap<>();
    lower.put("passAtLeast", 65.0);
    lower.put("warnAtLeast", 60.0);

    assertThat(Format.thresholds(upper)).isEqualTo("pass ≤ 1200, warn ≤ 2000");
    assertThat(Format.thresholds(lower)).isEqualTo("pass ≥ 65, warn ≥ 60");
  }
}
