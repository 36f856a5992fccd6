package dev.rehearsal.workflows.rehearsal;

/** Failure types with which the sign-off update's validator refuses a decision; the API maps them to HTTP codes. */
public final class ApprovalRefusals {
  public static final String NOT_AWAITING_APPROVAL = "NotAwaitingApproval";
  public static final String NOT_APPROVER = "NotApprover";
  public static final String INITIATOR = "InitiatorMayNotApprove";
  public static final String ALREADY_DECIDED = "AlreadyDecided";
  public static final String WAIVER_MISSING = "WaiverMissing";
  public static final String INVALID_DECISION = "InvalidDecision";

  private ApprovalRefusals() {}
}
