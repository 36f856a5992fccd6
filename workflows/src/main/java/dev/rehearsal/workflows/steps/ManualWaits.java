package dev.rehearsal.workflows.steps;

import dev.rehearsal.plan.ManualSpec;

/** The workflow's side of a manual step: it waits for a person's completion, which arrives as a workflow update. */
public interface ManualWaits {
  /**
   * Waits until a permitted person completes the step or its timeout passes. Returns the result of a confirmed step;
   * throws {@link StepFailed} for a failed or timed-out one, {@link StepSkipped} when the timeout skips it.
   */
  StepResult await(StepRun step, ManualSpec spec);
}
