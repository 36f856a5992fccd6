package dev.rehearsal.plan;

import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.workflows.steps.StepRun;

/**
 * What a step of one kind does: the value under the kind's key in a plan step. Each kind is one record with its own
 * fields, defaults and validation {@code Rules}, registered once in {@link StepKind}.
 */
public interface StepBody {
  /** The timeout the step sets for itself, or null (then the plan's default applies, then the kind's). */
  String timeout();

  /**
   * Runs the step: workflow code, so deterministic. It schedules the kind's activity with the same type, input and
   * options every time, so committed histories replay.
   */
  StepResult execute(StepRun step);
}
