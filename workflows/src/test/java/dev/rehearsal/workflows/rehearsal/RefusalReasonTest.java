package dev.rehearsal.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The refusal reasons are a wire contract: API clients read them as {@code reason}, and refusals carry them as types. */
class RefusalReasonTest {
  @Test
  void wireNamesAreTheOnesClientsKnow() {
    Map<RefusalReason, String> wire = new LinkedHashMap<>();
    Arrays.stream(RefusalReason.values()).forEach(r -> wire.put(r, r.type()));
    assertThat(wire).containsExactly(
        Map.entry(RefusalReason.NOT_AWAITING_APPROVAL, "NotAwaitingApproval"),
        Map.entry(RefusalReason.NOT_APPROVER, "NotApprover"),
        Map.entry(RefusalReason.INITIATOR, "InitiatorMayNotApprove"),
        Map.entry(RefusalReason.ALREADY_DECIDED, "AlreadyDecided"),
        Map.entry(RefusalReason.WAIVER_MISSING, "WaiverMissing"),
        Map.entry(RefusalReason.WAIVER_NOT_NEEDED, "WaiverNotNeeded"),
        Map.entry(RefusalReason.INVALID_DECISION, "InvalidDecision"),
        Map.entry(RefusalReason.STALE_EVIDENCE, "StaleEvidence"),
        Map.entry(RefusalReason.NO_OPEN_RULE, "CountsTowardNoRule"),
        Map.entry(RefusalReason.NOT_WAITING, "StepNotWaiting"),
        Map.entry(RefusalReason.NOT_MANUAL_STEP, "NotManualStep"),
        Map.entry(RefusalReason.ALREADY_COMPLETED, "AlreadyCompleted"),
        Map.entry(RefusalReason.NOT_PERMITTED, "NotPermittedToComplete"),
        Map.entry(RefusalReason.INITIATOR_MAY_NOT_COMPLETE, "InitiatorMayNotComplete"),
        Map.entry(RefusalReason.INCOMPLETE_COMPLETION, "CompletionIncomplete"),
        Map.entry(RefusalReason.NOT_ENGINEER, "NotEngineer"),
        Map.entry(RefusalReason.NOT_WAITING_FOR_DECISION, "NotWaitingForDecision"));
  }

  @Test
  void aRefusalIsTaggedWithItsTypeAndReadBack() {
    ApplicationFailure failure = ApprovalRefusals.refusal(RefusalReason.ALREADY_DECIDED, "bob has already decided on this run");
    assertThat(failure.getType()).isEqualTo("AlreadyDecided");
    assertThat(failure.getOriginalMessage()).isEqualTo("[AlreadyDecided] bob has already decided on this run");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(ApprovalRefusals.of(new RuntimeException("update failed", failure)))
        .contains(new ApprovalRefusals.Refusal(RefusalReason.ALREADY_DECIDED, "bob has already decided on this run"));
  }

  @Test
  void anyOtherFailureIsNoRefusal() {
    assertThat(ApprovalRefusals.of(ApplicationFailure.newFailure("[CommandFailed] exit 1", "CommandFailed"))).isEmpty();
    assertThat(ApprovalRefusals.of(ApplicationFailure.newFailure("no tag", "NotApprover"))).isEmpty();
  }
}
