package dev.rehearsal.api.inbox;

import dev.rehearsal.plan.SignoffSpec.Approvers;
import dev.rehearsal.workflows.rehearsal.ApprovalRecord;
import dev.rehearsal.workflows.rehearsal.Approvals;
import dev.rehearsal.workflows.rehearsal.ApproverMatching;
import dev.rehearsal.workflows.rehearsal.OpenRule;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.WaitingFor;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an open run waits for from a person, as the inbox needs it: enough to decide who may act without asking the
 * run again. {@code who} is a role ({@code APPROVER}, {@code ENGINEER}) or {@code group:<name>}; for an approval,
 * {@code allowInitiator} and {@code deciders} (who has already approved or rejected) also count, and so do the
 * approver {@code rules}, who has approved so far ({@code approvedBy}) and the rules still {@code open} (all three null
 * for runs that did not record them, and for waits other than approval).
 */
public record OpenWait(String runId, String plan, String environment, String releaseCandidate, String initiator,
    Awaited awaited, String step, String who, Instant since, boolean allowInitiator, List<String> deciders,
    List<Approvers> rules, List<ApproverMatching.Person> approvedBy, List<OpenRule> open) {

  public enum Awaited {
    approval,
    manual,
    decision
  }

  /** What the run in {@code state} waits for from a person; empty when nothing (or when it is closed). */
  public static Optional<OpenWait> of(RehearsalState state) {
    if (state.status() == RunStatus.AWAITING_APPROVAL && state.cancellation() == null) {
      List<String> deciders = state.approvals() == null ? List.of()
          : state.approvals().decisions().stream().map(ApprovalRecord::actor).toList();
      Approvals signoff = state.approvals();
      boolean allowInitiator = signoff != null && signoff.allowInitiator();
      return Optional.of(new OpenWait(state.id(), state.plan(), state.environment(), state.releaseCandidate(),
          state.initiator(), Awaited.approval, null, "APPROVER", signoffSince(state), allowInitiator, deciders,
          signoff == null ? null : signoff.rules(), signoff == null || signoff.approvedBy() == null ? List.of()
              : signoff.approvedBy(), signoff == null ? null : signoff.open()));
    }
    WaitingFor waiting = state.waitingFor();
    if (state.status() == RunStatus.RUNNING && waiting != null && state.cancellation() == null) {
      Awaited awaited = waiting.kind() == WaitingFor.Kind.MANUAL ? Awaited.manual : Awaited.decision;
      return Optional.of(new OpenWait(state.id(), state.plan(), state.environment(), state.releaseCandidate(),
          state.initiator(), awaited, waiting.step(), waiting.who(), waiting.since(), false, List.of(),
          null, null, null));
    }
    return Optional.empty();
  }

  /** Sign-off is awaited from the moment the last step finished (the start, for a run without steps). */
  private static Instant signoffSince(RehearsalState state) {
    return state.steps().stream().map(StepState::finishedAt).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).orElse(state.startedAt());
  }
}
