package dev.rehearsal.api.errors;

/** The run has no step by that name. */
public final class StepNotFound extends RehearsalException {
  public StepNotFound(String runId, String step) {
    super("rehearsal " + runId + " has no step named " + step);
  }
}
