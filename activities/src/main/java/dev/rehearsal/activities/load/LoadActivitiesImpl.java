package dev.rehearsal.activities.load;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.steps.StepAttempt;
import dev.rehearsal.workflows.load.BaselineInput;
import dev.rehearsal.workflows.load.LoadActivities;
import dev.rehearsal.workflows.load.LoadInput;
import dev.rehearsal.workflows.load.LoadResult;
import java.util.function.UnaryOperator;

public class LoadActivitiesImpl implements LoadActivities {
  private final LoadStep loads;
  private final BaselineStore baselines;
  private final UnaryOperator<String> environment;

  /** @param environment where {@code ${env:NAME}} secrets are looked up (the worker's environment in production) */
  public LoadActivitiesImpl(EvidenceStore evidence, BaselineStore baselines, UnaryOperator<String> environment) {
    this.loads = new LoadStep(evidence, baselines);
    this.baselines = baselines;
    this.environment = environment;
  }

  @Override
  public LoadResult runLoad(LoadInput input) {
    return StepAttempt.run(environment, (context, secrets) -> loads.run(context, input, secrets));
  }

  @Override
  public void recordBaseline(BaselineInput input) {
    baselines.record(input.plan(), input.environment(), input.runId(), input.figures());
  }
}
