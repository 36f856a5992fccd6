package dev.rehearsal.workflows.rehearsal;

import java.util.List;
import java.util.TreeSet;

/**
 * Whether a decision's waivers fit the run's gates: a waiver is an audit statement, so one for a gate that does not
 * exist or needs none (not WARN or INCONCLUSIVE) is refused rather than recorded as a made-up exception, and an
 * approval must waive every gate that needs it. Part of the sign-off validator, so it never touches history.
 */
final class WaiverCheck {
  private WaiverCheck() {}

  static void check(List<GateState> gates, ApprovalRequest request) {
    List<String> needing = gates.stream().filter(GateState::needsWaiver).map(GateState::name).toList();
    // Sorted: the request's map has no order, and the message is recorded with the refusal.
    TreeSet<String> unneeded = new TreeSet<>(request.waivers().keySet());
    needing.forEach(unneeded::remove);
    if (!unneeded.isEmpty()) {
      throw ApprovalRefusals.refusal(RefusalReason.WAIVER_NOT_NEEDED, "waivers are only for WARN and INCONCLUSIVE"
          + " gates; no such gate needs one: " + String.join(", ", unneeded) + " (gates needing a waiver: "
          + (needing.isEmpty() ? "none" : String.join(", ", needing)) + ")");
    }
    List<String> unwaived = needing.stream().filter(name -> request.waivers().getOrDefault(name, "").isBlank()).toList();
    if (request.decision() == Decision.APPROVE && !unwaived.isEmpty()) {
      throw ApprovalRefusals.refusal(RefusalReason.WAIVER_MISSING,
          "WARN and INCONCLUSIVE gates need a written waiver: " + String.join(", ", unwaived));
    }
  }
}
