package dev.rehearsal.api.rehearsals;

import dev.rehearsal.api.errors.StepNotFound;
import dev.rehearsal.workflows.rehearsal.RehearsalState;

/** The step a completion or a failed-step decision names in its path, checked before anything is recorded about it. */
final class RunSteps {
  /** A plan's step names have at most 100 characters; a rerun's steps are named {@code <rerun>:<step>}. */
  static final int MAX_NAME = 100 + 1 + 100;

  private RunSteps() {}

  /** The run's state; {@link StepNotFound} (nothing recorded) when the run has no such step. */
  static RehearsalState require(RehearsalService rehearsals, String id, String step) {
    if (step.length() > MAX_NAME) {
      rehearsals.describe(id);
      throw new StepNotFound(id, step);
    }
    RehearsalState state = rehearsals.state(id);
    if (state.steps().stream().noneMatch(s -> s.name().equals(step))) {
      throw new StepNotFound(id, step);
    }
    return state;
  }
}
