package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.ReadinessSpec;
import java.util.List;

/**
 * The release's readiness from its gates, as seed 001 §9 decides it: any FAIL is FAIL; otherwise any WARN (or a gate
 * without samples, which is never a PASS) is WARN; all PASS is PASS; no gates is NOT_ASSESSED. A failed step makes it
 * FAIL whatever the gates say: a load step that crashed has no gates, and its run is not 97% ready.
 */
final class Readiness {
  static final String NOT_ASSESSED = "NOT_ASSESSED";

  private Readiness() {}

  static String verdict(List<StepState> steps, List<GateState> gates) {
    if (steps.stream().anyMatch(s -> s.status() == StepStatus.FAILED)) {
      return GateVerdict.FAIL.name();
    }
    if (gates.isEmpty()) {
      return NOT_ASSESSED;
    }
    if (gates.stream().anyMatch(g -> g.verdict() == GateVerdict.FAIL)) {
      return GateVerdict.FAIL.name();
    }
    if (gates.stream().anyMatch(GateState::needsWaiver)) {
      return GateVerdict.WARN.name();
    }
    return GateVerdict.PASS.name();
  }

  static String estimate(String verdict, ReadinessSpec spec) {
    if (NOT_ASSESSED.equals(verdict)) {
      return null;
    }
    return switch (GateVerdict.valueOf(verdict)) {
      case PASS -> spec.pass();
      case WARN -> spec.warn();
      case FAIL -> spec.fail();
      case INCONCLUSIVE -> null;
    };
  }
}
