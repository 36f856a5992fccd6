package dev.rehearsal.api.console.run;

import dev.rehearsal.api.inbox.ApprovalEligibility;
import dev.rehearsal.api.inbox.OpenWait;
import dev.rehearsal.api.inbox.WaitEligibility;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.WaitingFor;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which forms a run's page offers its reader, by the same rules as the inbox ({@link ApprovalEligibility},
 * {@link WaitEligibility}): a sign-off only to an approver whose approval the run would still take, a manual step to
 * whom it names (not its initiator when the plan keeps them out), a decision on a failed step to an ENGINEER.
 */
@Component
class WhatTheReaderMayDo {
  private final ApprovalEligibility approvals;
  private final WaitEligibility waits;

  WhatTheReaderMayDo(ApprovalEligibility approvals, WaitEligibility waits) {
    this.approvals = approvals;
    this.waits = waits;
  }

  RunOffers offers(RehearsalState state, RehearsalUser user) {
    Optional<OpenWait> wait = OpenWait.of(state);
    if (wait.isEmpty() || !waits.mayAct(user, wait.get())) {
      return RunOffers.none();
    }
    return switch (wait.get().awaited()) {
      case approval -> new RunOffers(decide(state), null, null, "signoff");
      case manual -> manual(state, user);
      case decision -> new RunOffers(null, null, new RunOffers.FailureDecision(state.waitingFor().step()),
          "decision:" + state.waitingFor().step());
    };
  }

  private static RunOffers.Decide decide(RehearsalState state) {
    List<String> shown = state.steps().stream().flatMap(s -> s.evidence().stream())
        .map(e -> e.name() + "=" + e.sha256()).toList();
    List<RunOffers.WaiverGate> waivers = state.gates() == null ? List.of()
        : state.gates().stream().filter(GateState::needsWaiver).map(WhatTheReaderMayDo::waiverGate).toList();
    return new RunOffers.Decide(state.evidenceDigest(), shown, waivers);
  }

  private static RunOffers.WaiverGate waiverGate(GateState gate) {
    RunView.Gate shown = RunViews.gate(gate, false);
    String measured = shown.value() + (shown.thresholds().isEmpty() ? "" : " (" + shown.thresholds() + ")")
        + (shown.note() == null || shown.note().isBlank() ? "" : ": " + shown.note());
    return new RunOffers.WaiverGate(gate.name(), gate.verdict().name(), measured);
  }

  private static RunOffers manual(RehearsalState state, RehearsalUser user) {
    WaitingFor w = state.waitingFor();
    if (user.name().equals(state.initiator()) && Boolean.FALSE.equals(w.initiatorMayComplete())) {
      return RunOffers.none();
    }
    boolean note = w.requires() != null && w.requires().needsNote();
    boolean attachment = w.requires() != null && w.requires().needsAttachment();
    return new RunOffers(null, new RunOffers.Manual(w.step(), w.instructions(), w.items() == null ? List.of() : w.items(),
        note, attachment), null, "manual:" + w.step());
  }
}
