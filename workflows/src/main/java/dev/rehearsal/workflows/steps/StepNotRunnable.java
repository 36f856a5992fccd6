package dev.rehearsal.workflows.steps;

/** A step that cannot run in this run at all (what it needs was never produced): it fails without an activity. */
public final class StepNotRunnable extends RuntimeException {
  public StepNotRunnable(String message) {
    super(message, null, false, false);
  }
}
