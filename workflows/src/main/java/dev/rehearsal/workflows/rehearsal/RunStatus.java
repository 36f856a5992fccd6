package dev.rehearsal.workflows.rehearsal;

/** Where a run stands. Every value but RUNNING and AWAITING_APPROVAL is final. */
public enum RunStatus {
  RUNNING,
  AWAITING_APPROVAL,
  SUCCEEDED,
  REJECTED,
  FAILED,
  CANCELLED,
  TIMED_OUT;

  public boolean isFinal() {
    return this != RUNNING && this != AWAITING_APPROVAL;
  }
}
