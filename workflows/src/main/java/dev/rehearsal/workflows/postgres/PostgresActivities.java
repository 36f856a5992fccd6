package dev.rehearsal.workflows.postgres;

import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The PostgreSQL step kinds. Each call is one attempt; Temporal retries per the plan. */
@ActivityInterface(namePrefix = "Postgres")
public interface PostgresActivities {

  /** {@code pg_dump} of the source into the evidence store, with a census of the source taken in the same snapshot. */
  @ActivityMethod
  SnapshotResult snapshot(SnapshotInput input);

  /** Restores a snapshot into a freshly recreated (or cleaned) target, then proves the copy faithful. */
  @ActivityMethod
  StepResult restore(RestoreInput input);

  /** Runs one query and checks the result. */
  @ActivityMethod
  StepResult runSql(SqlInput input);
}
