package dev.rehearsal.workflows.rehearsal;

public enum StepStatus {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  SKIPPED
}
