package dev.rehearsal.workflows.rehearsal;

/**
 * The release's readiness as a run judges it. Written by name into history, run results, reports, exports and webhook
 * payloads, so the names never change.
 */
public enum ReadinessVerdict {
  PASS, WARN, FAIL,
  /** No gates measured the release and no step failed: nothing to estimate from. */
  NOT_ASSESSED
}
