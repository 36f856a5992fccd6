package dev.rehearsal.activities.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rehearsal.plan.LoadSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateScheduleTest {

  private static LoadSpec spec(String json) throws Exception {
    return TestTarget.JSON.readValue(json, LoadSpec.class);
  }

  private static List<Double> all(RateSchedule s) {
    List<Double> out = new ArrayList<>();
    RateSchedule.Arrivals a = s.arrivals();
    for (double t = a.next(); !Double.isNaN(t); t = a.next()) {
      out.add(t);
    }
    return out;
  }

  @Test
  void aConstantRateSpacesRequestsEvenly() throws Exception {
    RateSchedule s = RateSchedule.of(spec("{\"rate\": 10, \"duration\": \"1s\"}"), 0, 1);
    List<Double> times = all(s);
    assertThat(times).hasSize(10);
    assertThat(times.get(0)).isCloseTo(0.05, within(1e-9));
    assertThat(times.get(9)).isCloseTo(0.95, within(1e-9));
    assertThat(s.expectedArrivals(0, 1)).isCloseTo(10, within(1e-9));
  }

  @Test
  void stagesRampLinearlyAndWarmUpFollowsTheFirstRamp() throws Exception {
    LoadSpec spec = spec("""
        {"stages": [{"duration": "2s", "rate": 100}, {"duration": "2s", "rate": 100}, {"duration": "1s", "rate": 0}]}""");
    RateSchedule noWarmup = RateSchedule.of(spec, 0, 5);
    // 0→100 over 2 s: 100; hold: 200; 100→0 over 1 s: 50.
    assertThat(noWarmup.expectedArrivals(0, 5)).isCloseTo(350, within(1e-6));
    assertThat(all(noWarmup)).hasSize(350).isSorted();
    assertThat(noWarmup.maxRate()).isEqualTo(100);
    // The ramp's arrivals bunch up towards its end: a quarter of them in the first half.
    assertThat(noWarmup.expectedArrivals(0, 1)).isCloseTo(25, within(1e-6));

    RateSchedule warm = RateSchedule.of(spec, 3, 5);
    // Warm-up ramps like stage 1 (0→100 in 2 s: 100 requests), then holds 100/s for its last second.
    assertThat(warm.expectedArrivals(0, 3)).isCloseTo(200, within(1e-6));
    assertThat(warm.expectedArrivals(3, 8)).isCloseTo(350, within(1e-6));
    assertThat(all(warm)).hasSize(550).isSorted().allSatisfy(t -> assertThat(t).isBetween(0.0, 8.0));
  }

  @Test
  void aZeroRateSendsNothing() throws Exception {
    assertThat(all(RateSchedule.of(spec("{\"stages\": [{\"duration\": \"1s\", \"rate\": 0}]}"), 0, 1))).isEmpty();
    assertThat(all(RateSchedule.of(spec("{\"rate\": 0, \"duration\": \"1s\"}"), 1, 1))).isEmpty();
  }
}
