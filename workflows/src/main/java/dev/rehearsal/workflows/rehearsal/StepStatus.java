package dev.rehearsal.workflows.rehearsal;

public enum StepStatus {
  PENDING,
  RUNNING,
  /** Waiting for a person: a manual step to be completed, or a decision on a failed step. */
  WAITING,
  SUCCEEDED,
  FAILED,
  SKIPPED
}
