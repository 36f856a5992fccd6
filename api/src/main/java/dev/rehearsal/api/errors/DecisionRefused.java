package dev.rehearsal.api.errors;

import dev.rehearsal.workflows.rehearsal.RefusalReason;

/** A sign-off or rejection the run did not take, with the reason clients act on. */
public final class DecisionRefused extends RehearsalException {
  private final RefusalReason reason;

  public DecisionRefused(RefusalReason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  /** The run has closed (perhaps by another approver's decision a moment ago): nobody can decide on it any more. */
  public static DecisionRefused runClosed() {
    return new DecisionRefused(RefusalReason.NOT_AWAITING_APPROVAL, "the run is closed; it no longer takes decisions");
  }

  public RefusalReason reason() {
    return reason;
  }
}
