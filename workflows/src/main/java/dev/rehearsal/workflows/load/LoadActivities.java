package dev.rehearsal.workflows.load;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The {@code load} step kind, and the baselines later rehearsals compare with. */
@ActivityInterface(namePrefix = "Load")
public interface LoadActivities {

  /** One load phase: generates load, polls probes, judges every gate (against the baseline when asked). */
  @ActivityMethod
  LoadResult runLoad(LoadInput input);

  /** Remembers a signed-off rehearsal's gated figures as the baseline for the next one of its plan and environment. */
  @ActivityMethod
  void recordBaseline(BaselineInput input);
}
