package dev.rehearsal.activities.load;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.secrets.SecretOutputStore;
import dev.rehearsal.activities.secrets.WorkerSecrets;
import dev.rehearsal.activities.steps.StepAttempt;
import dev.rehearsal.workflows.load.BaselineInput;
import dev.rehearsal.workflows.load.LoadActivities;
import dev.rehearsal.workflows.load.LoadInput;
import dev.rehearsal.workflows.load.LoadResult;
import java.util.function.UnaryOperator;

public class LoadActivitiesImpl implements LoadActivities {
  private final LoadStep loads;
  private final BaselineStore baselines;
  private final WorkerSecrets secrets;

  /** @param environment where {@code ${env:NAME}} secrets are looked up; every run may use every secret */
  public LoadActivitiesImpl(EvidenceStore evidence, BaselineStore baselines, UnaryOperator<String> environment) {
    this(evidence, baselines, WorkerSecrets.unrestricted(environment));
  }

  public LoadActivitiesImpl(EvidenceStore evidence, BaselineStore baselines, WorkerSecrets secrets) {
    this.loads = new LoadStep(evidence, baselines);
    this.baselines = baselines;
    // Secret outputs live in the data directory that every worker of this installation shares.
    this.secrets = secrets.withOutputs(new SecretOutputStore(evidence.dataDir()));
  }

  @Override
  public LoadResult runLoad(LoadInput input) {
    return StepAttempt.run(secrets, (context, scope) -> loads.run(context, input, scope));
  }

  @Override
  public void recordBaseline(BaselineInput input) {
    baselines.record(input.plan(), input.environment(), input.runId(), input.figures());
  }
}
