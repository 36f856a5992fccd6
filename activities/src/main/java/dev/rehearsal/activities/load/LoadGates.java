package dev.rehearsal.activities.load;

import dev.rehearsal.activities.gates.GateJudge;
import dev.rehearsal.plan.LoadSpec.GateSpec;
import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.rehearsal.GateVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges a load step's figures. Every gate yields PASS, WARN, FAIL, or INCONCLUSIVE when its figure has no samples
 * (never a PASS on no data). Gate names are {@code <step>.<gate>}, and {@code <step>.errorRate[<request>]} for the
 * per-request error rate ("per task type" in seed 001): these are the names approvers' waivers key on.
 */
final class LoadGates {
  /** Seed 001 §8 B: drain at least the growth rate, and end the drain at most 20% of the peak depth. */
  private static final double DRAIN_RATIO_PASS = 1.0;
  private static final double DRAIN_RATIO_WARN = 0.8;
  private static final double FINAL_SHARE_PASS = 0.2;
  private static final double FINAL_SHARE_WARN = 0.4;
  static final Map<String, Double> QUEUE_DRAIN_BOUNDS = Map.of("drainRatioPass", DRAIN_RATIO_PASS,
      "drainRatioWarn", DRAIN_RATIO_WARN, "finalSharePass", FINAL_SHARE_PASS, "finalShareWarn", FINAL_SHARE_WARN);

  /** Applies when the plan sets no droppedShare gate: a load that could not send 5% of its requests did not happen. */
  static final GateSpec DROPPED_DEFAULT = new GateSpec(0.01, 0.05, null);

  private LoadGates() {}

  /** What a load measured, as the gates read it. */
  record Measured(
      Map<String, Double> figures, Map<String, Double> errorRateByRequest, Double drainRatio, Double finalShare, String queueNote) {}

  /**
   * @param baseline the last signed-off run's figures by gate name (empty when none or not asked for)
   * @param tolerance how much worse than the baseline a figure may be (0.10 = 10%), or null for no comparison
   */
  static List<GateState> evaluate(String step, Map<String, GateSpec> gates, Measured measured, Map<String, Double> baseline, Double tolerance) {
    List<GateState> verdicts = new ArrayList<>();
    Map<String, GateSpec> all = new LinkedHashMap<>(gates);
    // Requests that were never sent have no latency: without this gate a good p95 could hide half of them.
    all.putIfAbsent("droppedShare", DROPPED_DEFAULT);
    all.forEach((gate, spec) -> {
      switch (gate) {
        case "queueDrain" -> verdicts.add(queueDrain(step + "." + gate, measured));
        case "errorRateByRequest" -> measured.errorRateByRequest().forEach((request, rate) ->
            verdicts.add(compared(bounded(step + ".errorRate[" + request + "]", spec, rate), baseline, tolerance)));
        // Seed 001 §8 D: flapping is a WARN, not a FAIL on its own, unless the plan says otherwise.
        case "transitions" -> verdicts.add(compared(bounded(step + "." + gate,
            spec.worst() == null ? new GateSpec(spec.pass(), spec.warn(), GateVerdict.WARN.name()) : spec,
            measured.figures().get(gate)), baseline, tolerance));
        default -> verdicts.add(compared(bounded(step + "." + gate, spec, measured.figures().get(gate)), baseline, tolerance));
      }
    });
    return verdicts;
  }

  private static GateState bounded(String name, GateSpec spec, Double value) {
    return GateJudge.bounded(name, GateJudge.Bounds.upper(spec.pass(), spec.warn(), spec.worst()), value, "no samples");
  }

  private static GateState compared(GateState gate, Map<String, Double> baseline, Double tolerance) {
    return GateJudge.compared(gate, false, baseline, tolerance);
  }

  private static GateState queueDrain(String name, Measured m) {
    if (m.finalShare() == null) {
      return new GateState(name, GateVerdict.INCONCLUSIVE, null, QUEUE_DRAIN_BOUNDS, null, "no queue samples");
    }
    // No backlog growth under load means there was nothing to drain: the rate condition holds.
    double ratio = m.drainRatio() == null ? Double.POSITIVE_INFINITY : m.drainRatio();
    GateVerdict verdict;
    if (ratio < DRAIN_RATIO_WARN || m.finalShare() > FINAL_SHARE_WARN) {
      verdict = GateVerdict.FAIL;
    } else if (ratio < DRAIN_RATIO_PASS || m.finalShare() > FINAL_SHARE_PASS) {
      verdict = GateVerdict.WARN;
    } else {
      verdict = GateVerdict.PASS;
    }
    return new GateState(name, verdict, m.finalShare(), QUEUE_DRAIN_BOUNDS, null, m.queueNote());
  }

  static String number(double v) {
    return GateJudge.number(v);
  }
}
