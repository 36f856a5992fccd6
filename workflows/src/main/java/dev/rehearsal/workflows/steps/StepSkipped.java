package dev.rehearsal.workflows.steps;

/** A step that ends SKIPPED by its own rule (a manual step nobody completed, with {@code onTimeout: skip}). */
public final class StepSkipped extends RuntimeException {
  public StepSkipped(String why) {
    super(why, null, false, false);
  }
}
