package dev.rehearsal.workflows.rehearsal;

import java.util.Map;

/** A measured figure judged against thresholds: PASS, WARN, FAIL or INCONCLUSIVE. {@code name} is what waivers key on. */
public record GateState(String name, String verdict, Double value, Map<String, Double> thresholds, Double baseline) {
  public static final String WARN = "WARN";
}
