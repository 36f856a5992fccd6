package dev.rehearsal.activities.load;

import dev.rehearsal.workflows.rehearsal.GateVerdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.plan.LoadSpec.GateSpec;
import dev.rehearsal.workflows.rehearsal.GateState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict rules, seed 001 §8 as written. */
class LoadGatesTest {

  @Test
  void latencyBoundsGivePassWarnAndFail() {
    assertThat(verdict("p95LatencyMs", new GateSpec(1200.0, 2000.0, null), 1200.0)).isEqualTo(GateVerdict.PASS);
    assertThat(verdict("p95LatencyMs", new GateSpec(1200.0, 2000.0, null), 1200.1)).isEqualTo(GateVerdict.WARN);
    assertThat(verdict("p95LatencyMs", new GateSpec(1200.0, 2000.0, null), 2000.0)).isEqualTo(GateVerdict.WARN);
    assertThat(verdict("p95LatencyMs", new GateSpec(1200.0, 2000.0, null), 2000.1)).isEqualTo(GateVerdict.FAIL);
    assertThat(verdict("p95LatencyMs", new GateSpec(1200.0, 2000.0, null), null)).isEqualTo(GateVerdict.INCONCLUSIVE);
  }

  @Test
  void flappingIsAWarnUnlessThePlanSaysFail() {
    assertThat(verdict("transitions", new GateSpec(4.0, null, null), 4.0)).isEqualTo(GateVerdict.PASS);
    assertThat(verdict("transitions", new GateSpec(4.0, null, null), 9.0)).isEqualTo(GateVerdict.WARN);
    assertThat(verdict("transitions", new GateSpec(4.0, null, "FAIL"), 9.0)).isEqualTo(GateVerdict.FAIL);
  }

  @Test
  void queueDrainFollowsSeed001() {
    assertThat(queue(1.0, 0.20)).isEqualTo(GateVerdict.PASS);
    assertThat(queue(null, 0.0)).as("no backlog grew").isEqualTo(GateVerdict.PASS);
    assertThat(queue(0.9, 0.10)).as("drain below growth but at least 80%").isEqualTo(GateVerdict.WARN);
    assertThat(queue(1.2, 0.35)).as("final depth between 20% and 40% of max").isEqualTo(GateVerdict.WARN);
    assertThat(queue(0.79, 0.10)).isEqualTo(GateVerdict.FAIL);
    assertThat(queue(1.5, 0.41)).isEqualTo(GateVerdict.FAIL);
  }

  @Test
  void everyRequestNameIsItsOwnGateAndDroppedRequestsAreAlwaysJudged() {
    Map<String, Double> byRequest = new LinkedHashMap<>();
    byRequest.put("crawl", 0.01);
    byRequest.put("entity", 0.03);
    Map<String, Double> figures = new HashMap<>();
    figures.put("droppedShare", 0.5);
    List<GateState> gates = LoadGates.evaluate("sim", Map.of("errorRateByRequest", new GateSpec(0.02, 0.05, null)),
        new LoadGates.Measured(figures, byRequest, null, null, null), Map.of(), null);

    assertThat(gates).extracting(GateState::name, GateState::verdict).containsExactly(
        org.assertj.core.groups.Tuple.tuple("sim.errorRate[crawl]", GateVerdict.PASS),
        org.assertj.core.groups.Tuple.tuple("sim.errorRate[entity]", GateVerdict.WARN),
        org.assertj.core.groups.Tuple.tuple("sim.droppedShare", GateVerdict.FAIL));
  }

  @Test
  void aRegressionBeyondToleranceLiftsAPassToWarnAndShowsBothValues() {
    Map<String, Double> figures = Map.of("p95LatencyMs", 120.0, "droppedShare", 0.0);
    GateState gate = LoadGates.evaluate("api", Map.of("p95LatencyMs", new GateSpec(1200.0, 2000.0, null)),
        new LoadGates.Measured(figures, Map.of(), null, null, null), Map.of("api.p95LatencyMs", 100.0), 0.10).get(0);

    assertThat(gate.verdict()).isEqualTo(GateVerdict.WARN);
    assertThat(gate.baseline()).isEqualTo(100.0);
    assertThat(gate.note()).isEqualTo("regressed from 100 to 120 (+20%, tolerance 10%)");
  }

  private static GateVerdict verdict(String gate, GateSpec spec, Double value) {
    Map<String, Double> figures = new HashMap<>();
    figures.put(gate, value);
    figures.put("droppedShare", 0.0);
    return LoadGates.evaluate("s", Map.of(gate, spec), new LoadGates.Measured(figures, Map.of(), null, null, null), Map.of(), null)
        .get(0).verdict();
  }

  private static GateVerdict queue(Double drainRatio, double finalShare) {
    return LoadGates.evaluate("s", Map.of("queueDrain", new GateSpec(null, null, null)),
        new LoadGates.Measured(Map.of("droppedShare", 0.0), Map.of(), drainRatio, finalShare, "n"), Map.of(), null).get(0).verdict();
  }
}
