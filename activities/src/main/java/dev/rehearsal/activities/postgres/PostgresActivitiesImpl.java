package dev.rehearsal.activities.postgres;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.activities.secrets.SecretOutputStore;
import dev.rehearsal.activities.secrets.WorkerSecrets;
import dev.rehearsal.activities.steps.StepAttempt;
import dev.rehearsal.activities.steps.StepFailure;
import dev.rehearsal.workflows.postgres.CopyInput;
import dev.rehearsal.workflows.postgres.PostgresActivities;
import dev.rehearsal.workflows.postgres.RestoreInput;
import dev.rehearsal.workflows.postgres.SnapshotInput;
import dev.rehearsal.workflows.postgres.SnapshotResult;
import dev.rehearsal.activities.steps.UntilPoller;
import dev.rehearsal.workflows.postgres.SqlInput;
import dev.rehearsal.workflows.steps.StepFailureType;
import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.activity.ActivityExecutionContext;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

public class PostgresActivitiesImpl implements PostgresActivities {
  private final SnapshotStep snapshots;
  private final RestoreStep restores;
  private final CopyStep copies;
  private final SqlStep queries;
  private final WorkerSecrets secrets;

  /** @param environment where {@code ${env:NAME}} secrets are looked up; every run may use every secret */
  public PostgresActivitiesImpl(EvidenceStore evidence, PgTools tools, UnaryOperator<String> environment) {
    this(evidence, tools, WorkerSecrets.unrestricted(environment));
  }

  public PostgresActivitiesImpl(EvidenceStore evidence, PgTools tools, WorkerSecrets secrets) {
    this.snapshots = new SnapshotStep(evidence, tools);
    this.restores = new RestoreStep(evidence, tools);
    this.copies = new CopyStep(evidence, tools, snapshots, restores);
    this.queries = new SqlStep(evidence);
    // Secret outputs live in the data directory that every worker of this installation shares.
    this.secrets = secrets.withOutputs(new SecretOutputStore(evidence.dataDir()));
  }

  @Override
  public SnapshotResult snapshot(SnapshotInput input) {
    return attempt((context, secrets) -> snapshots.run(context, input, secrets));
  }

  @Override
  public StepResult restore(RestoreInput input) {
    return attempt((context, secrets) -> restores.run(context, input, secrets));
  }

  @Override
  public SnapshotResult copy(CopyInput input) {
    return attempt((context, secrets) -> copies.run(context, input, secrets));
  }

  @Override
  public StepResult runSql(SqlInput input) {
    return attempt((context, secrets) ->
        UntilPoller.run(context, input.until(), secrets, polling -> queries.run(polling, input, secrets)));
  }

  private <T> T attempt(BiFunction<ActivityExecutionContext, SecretScope, T> step) {
    return StepAttempt.run(secrets, (context, scope) -> {
      try {
        return step.apply(context, scope);
      } catch (PgTools.ToolMissingException | IllegalArgumentException notRunnable) {
        // A missing tool or an address that cannot be parsed will not fix itself on a retry.
        throw StepFailure.of(StepFailureType.INVALID_STEP, notRunnable.getMessage(), context.getInfo().getAttempt());
      }
    });
  }
}
