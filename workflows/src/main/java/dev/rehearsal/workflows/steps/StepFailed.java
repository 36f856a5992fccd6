package dev.rehearsal.workflows.steps;

/** A step that ended FAILED without an activity failing: a person reported it failed, or nobody came in time. */
public final class StepFailed extends RuntimeException {
  private final StepResult result;

  public StepFailed(StepResult result) {
    super(result.summary(), null, false, false);
    this.result = result;
  }

  public StepResult result() {
    return result;
  }
}
