package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.ReadinessSpec;
import java.util.List;

/**
 * The release's readiness from its gates, as seed 001 §9 decides it: any FAIL is FAIL; otherwise any WARN (or a gate
 * without samples, which is never a PASS) is WARN; all PASS is PASS; no gates is NOT_ASSESSED. A failed step makes it
 * FAIL whatever the gates say: a load step that crashed has no gates, and its run is not 97% ready.
 */
final class Readiness {
  private Readiness() {}

  static ReadinessVerdict verdict(List<StepState> steps, List<GateState> gates) {
    if (steps.stream().anyMatch(s -> s.status() == StepStatus.FAILED)) {
      return ReadinessVerdict.FAIL;
    }
    if (gates.isEmpty()) {
      return ReadinessVerdict.NOT_ASSESSED;
    }
    if (gates.stream().anyMatch(g -> g.verdict() == GateVerdict.FAIL)) {
      return ReadinessVerdict.FAIL;
    }
    if (gates.stream().anyMatch(GateState::needsWaiver)) {
      return ReadinessVerdict.WARN;
    }
    return ReadinessVerdict.PASS;
  }

  /** The plan's estimate for the verdict; none when nothing was assessed. */
  static String estimate(ReadinessVerdict verdict, ReadinessSpec spec) {
    return switch (verdict) {
      case PASS -> spec.pass();
      case WARN -> spec.warn();
      case FAIL -> spec.fail();
      case NOT_ASSESSED -> null;
    };
  }
}
