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

  /**
   * Snapshots the source and restores it into a freshly recreated target in one step (streamed, or through a dump
   * directory), then proves the copy faithful; the snapshot stays as evidence for later restores.
   */
  @ActivityMethod
  SnapshotResult copy(CopyInput input);

  /** Runs one query and checks the result. */
  @ActivityMethod
  StepResult runSql(SqlInput input);
}
