package dev.rehearsal.activities.gates;

import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.rehearsal.GateVerdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Judges one figure against its bounds, and against the last signed-off run's value, for every gate of every step
 * kind (load gates and gates on a tool's report). Upper bounds (the default) pass values at most the bound and are
 * recorded as {@code pass}/{@code warn}; lower bounds pass values at least the bound and are recorded as {@code
 * passAtLeast}/{@code warnAtLeast}.
 */
public final class GateJudge {
  private GateJudge() {}

  /** A gate's bounds: {@code warn} may be null (beyond {@code pass} is then FAIL); {@code worst} caps the verdict. */
  public record Bounds(double pass, Double warn, boolean atLeast, GateVerdict worst) {
    public static Bounds upper(double pass, Double warn, String worst) {
      return new Bounds(pass, warn, false, GateVerdict.WARN.name().equals(worst) ? GateVerdict.WARN : GateVerdict.FAIL);
    }

    Map<String, Double> thresholds() {
      String suffix = atLeast ? "AtLeast" : "";
      Map<String, Double> thresholds = new LinkedHashMap<>();
      thresholds.put("pass" + suffix, pass);
      if (warn != null) {
        thresholds.put("warn" + suffix, warn);
      }
      return thresholds;
    }

    private boolean within(double value, double bound) {
      return atLeast ? value >= bound : value <= bound;
    }
  }

  /** The verdict of {@code value}; no value (or NaN) is INCONCLUSIVE with {@code why}, never a PASS. */
  public static GateState bounded(String name, Bounds bounds, Double value, String why) {
    if (value == null || value.isNaN()) {
      return new GateState(name, GateVerdict.INCONCLUSIVE, null, bounds.thresholds(), null, why);
    }
    GateVerdict verdict;
    if (bounds.within(value, bounds.pass())) {
      verdict = GateVerdict.PASS;
    } else if (bounds.warn() != null && bounds.within(value, bounds.warn())) {
      verdict = GateVerdict.WARN;
    } else {
      verdict = bounds.worst();
    }
    return new GateState(name, verdict, value, bounds.thresholds(), null, null);
  }

  /**
   * A figure worse than the baseline by more than the tolerance is at least a WARN, with both values shown. Worse is
   * higher for an upper bound, lower for a lower bound.
   */
  public static GateState compared(GateState gate, boolean atLeast, Map<String, Double> baseline, Double tolerance) {
    Double before = baseline.get(gate.name());
    if (tolerance == null || before == null || gate.value() == null) {
      return gate;
    }
    double limit = before * (atLeast ? 1 - tolerance : 1 + tolerance);
    if (before <= 0 || (atLeast ? gate.value() >= limit : gate.value() <= limit)) {
      return new GateState(gate.name(), gate.verdict(), gate.value(), gate.thresholds(), before, gate.note());
    }
    GateVerdict verdict = gate.verdict() == GateVerdict.PASS ? GateVerdict.WARN : gate.verdict();
    String note = String.format(Locale.ROOT, "regressed from %s to %s (%+.0f%%, tolerance %.0f%%)",
        number(before), number(gate.value()), (gate.value() / before - 1) * 100, tolerance * 100);
    return new GateState(gate.name(), verdict, gate.value(), gate.thresholds(), before, note);
  }

  /** "; gates: FAIL a, b; WARN c; PASS 3": what a step's summary says of its gates (empty without gates). */
  public static String describe(List<GateState> gates) {
    Map<GateVerdict, List<String>> byVerdict = gates.stream().collect(Collectors.groupingBy(GateState::verdict, LinkedHashMap::new,
        Collectors.mapping(GateState::name, Collectors.toList())));
    if (byVerdict.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder("; gates:");
    for (GateVerdict v : List.of(GateVerdict.FAIL, GateVerdict.WARN, GateVerdict.INCONCLUSIVE, GateVerdict.PASS)) {
      List<String> names = byVerdict.get(v);
      if (names != null) {
        s.append(' ').append(v).append(' ').append(v == GateVerdict.PASS ? String.valueOf(names.size()) : String.join(", ", names)).append(';');
      }
    }
    s.setLength(s.length() - 1);
    return s.toString();
  }

  public static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4g", v);
  }
}
