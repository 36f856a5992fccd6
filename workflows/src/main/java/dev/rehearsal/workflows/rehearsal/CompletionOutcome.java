package dev.rehearsal.workflows.rehearsal;

/** What the person completing a manual step reports: the check held, or it did not. */
public enum CompletionOutcome {
  CONFIRMED,
  FAILED
}
