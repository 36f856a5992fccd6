package dev.rehearsal.workflows.rehearsal;

import java.util.Map;

/**
 * A measured figure judged against thresholds: PASS, WARN, FAIL or INCONCLUSIVE (no samples: never a PASS). {@code
 * name} is what waivers key on; {@code baseline} is the last signed-off rehearsal's value when compared, and {@code
 * note} says why the verdict is what it is when the thresholds alone do not (a baseline regression, no samples).
 */
public record GateState(String name, GateVerdict verdict, Double value, Map<String, Double> thresholds, Double baseline, String note) {
  /** The values of the gates that had samples, by gate name: what a later run's baseline compares with. */
  public static Map<String, Double> figures(java.util.List<GateState> gates) {
    Map<String, Double> figures = new java.util.LinkedHashMap<>();
    gates.stream().filter(g -> g.value() != null).forEach(g -> figures.put(g.name(), g.value()));
    return figures;
  }

  /** An approver must write a waiver for this gate before approving. */
  public boolean needsWaiver() {
    return verdict == GateVerdict.WARN || verdict == GateVerdict.INCONCLUSIVE;
  }
}
