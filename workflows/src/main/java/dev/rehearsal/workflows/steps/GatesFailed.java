package dev.rehearsal.workflows.steps;

/** A step whose gates gave a FAIL: it ran, but the release did not pass. Not retried. */
public final class GatesFailed extends RuntimeException {
  private final StepResult result;

  public GatesFailed(StepResult result) {
    super(result.summary(), null, false, false);
    this.result = result;
  }

  public StepResult result() {
    return result;
  }
}
