package dev.rehearsal.workflows.rehearsal;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why the sign-off update's (or the failed-step decision update's) validator refused a decision. {@link #type()} is the name on the wire: the
 * {@code ApplicationFailure} type, the {@code [Type]} tag of its message and the API's {@code reason}; it must never
 * change, because clients and recorded refusals rely on it.
 */
public enum RefusalReason {
  NOT_AWAITING_APPROVAL("NotAwaitingApproval"),
  NOT_APPROVER("NotApprover"),
  INITIATOR("InitiatorMayNotApprove"),
  ALREADY_DECIDED("AlreadyDecided"),
  WAIVER_MISSING("WaiverMissing"),
  /** A waiver names a gate that does not exist or is not WARN/INCONCLUSIVE: it would record a made-up exception. */
  WAIVER_NOT_NEEDED("WaiverNotNeeded"),
  INVALID_DECISION("InvalidDecision"),
  /** The approval names an evidence digest that is no longer the run's: the approver reviewed something else. */
  STALE_EVIDENCE("StaleEvidence"),
  /** The approver's groups meet no approver rule still open (each approval counts toward one rule only). */
  NO_OPEN_RULE("CountsTowardNoRule"),
  /**
   * Manual step completions and failure decisions: the step named does not wait (yet, or any more); for
   * completions, or is no manual step at all.
   */
  NOT_WAITING("StepNotWaiting"),
  NOT_MANUAL_STEP("NotManualStep"),
  ALREADY_COMPLETED("AlreadyCompleted"),
  /** The caller lacks the step's role or group, or is the initiator of a plan that keeps them out. */
  NOT_PERMITTED("NotPermittedToComplete"),
  INITIATOR_MAY_NOT_COMPLETE("InitiatorMayNotComplete"),
  /** The completion lacks what the step requires (a note, an attachment) or a valid outcome. */
  INCOMPLETE_COMPLETION("CompletionIncomplete"),
  /** A decision on a failed step needs the ENGINEER role. */
  NOT_ENGINEER("NotEngineer"),
  /** No failed step waits for a decision. */
  NOT_WAITING_FOR_DECISION("NotWaitingForDecision");

  private final String type;

  RefusalReason(String type) {
    this.type = type;
  }

  public String type() {
    return type;
  }

  /** The reason whose wire name is {@code type}; empty for any other failure type. */
  public static Optional<RefusalReason> ofType(String type) {
    return Arrays.stream(values()).filter(r -> r.type.equals(type)).findFirst();
  }
}
