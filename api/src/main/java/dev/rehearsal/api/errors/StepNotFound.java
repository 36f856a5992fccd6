package dev.rehearsal.api.errors;

/** The run has no step by that name. */
public final class StepNotFound extends RehearsalException {
  /** The longest step name the answer repeats: a made-up name may be kilobytes long. */
  private static final int SHOWN = 120;

  public StepNotFound(String runId, String step) {
    super("rehearsal " + runId + " has no step named " + (step.length() > SHOWN ? step.substring(0, SHOWN) + "…" : step));
  }
}
