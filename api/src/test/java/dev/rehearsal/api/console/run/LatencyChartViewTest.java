package dev.rehearsal.api.console.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.rehearsal.GateVerdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A load step's chart on the run page: drawn from its summary's windows, with its latency gates' bounds. */
class LatencyChartViewTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void drawsEachPercentileOverTheWindowsWithSamplesAndTheGatesBoundsAsLines() throws Exception {
    var summary = JSON.readTree("""
        {"step": "api-load", "figures": {"measuredSeconds": 30, "windows": [
          {"startSeconds": 0, "endSeconds": 10, "count": 10, "p50Ms": 100, "p95Ms": 300, "p99Ms": 800},
          {"startSeconds": 10, "endSeconds": 20, "count": 0, "p50Ms": null, "p95Ms": null, "p99Ms": null},
          {"startSeconds": 20, "endSeconds": 30, "count": 12, "p50Ms": 120, "p95Ms": 350, "p99Ms": 900}]}}""");
    List<GateState> gates = List.of(
        new GateState("api-load.p95LatencyMs", GateVerdict.PASS, 340.0, Map.of("pass", 1200.0, "warn", 2000.0), null, null),
        new GateState("other.p95LatencyMs", GateVerdict.PASS, 1.0, Map.of("pass", 5.0), null, null));

    LatencyChartView chart = LatencyChartView.of("api-load", summary, gates).orElseThrow();

    assertThat(chart.series()).extracting(LatencyChartView.Series::name).containsExactly("p50", "p95", "p99");
    assertThat(chart.series()).allSatisfy(s -> assertThat(s.points().split(" "))
        .as("each window with samples spans its time; the empty one is no line at 0").hasSize(4));
    assertThat(chart.series().get(0).points()).as("p50 at 100 then 120 ms, from 0 s to 10 s and 20 s to 30 s")
        .isEqualTo("56.0,209.8 245.3,209.8 434.7,207.8 624.0,207.8");
    assertThat(chart.thresholds()).extracting(LatencyChartView.Threshold::label)
        .containsExactlyInAnyOrder("p95 pass ≤ 1200 ms", "p95 warn ≤ 2000 ms");
    assertThat(chart.yTicks().get(chart.yTicks().size() - 1).label()).as("the axis reaches the highest bound").isEqualTo("2000");
    assertThat(chart.label()).startsWith("api-load: latency");
  }

  @Test
  void aLoadWithoutSamplesHasNoChartRatherThanALineAtZero() throws Exception {
    var summary = JSON.readTree("""
        {"figures": {"measuredSeconds": 10, "windows": [{"startSeconds": 0, "endSeconds": 10, "count": 0, "p50Ms": null}]}}""");
    assertThat(LatencyChartView.of("api-load", summary, List.of())).isEmpty();
  }
}
