package dev.rehearsal.workflows.steps;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The step kinds that touch the outside world. Each call is one attempt; Temporal retries per the plan. */
@ActivityInterface
public interface StepActivities {

  @ActivityMethod
  StepResult runCommand(CommandStepInput input);

  @ActivityMethod
  StepResult checkHttp(HttpStepInput input);

  @ActivityMethod
  StepResult checkAssertion(AssertStepInput input);
}
