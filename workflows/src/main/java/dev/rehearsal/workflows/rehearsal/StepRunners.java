package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.StepKind;
import dev.rehearsal.plan.StepSpec;
import dev.rehearsal.plan.TargetSpec;
import dev.rehearsal.workflows.load.LoadActivities;
import dev.rehearsal.workflows.load.LoadInput;
import dev.rehearsal.workflows.load.LoadResult;
import dev.rehearsal.workflows.postgres.PostgresActivities;
import dev.rehearsal.workflows.postgres.RestoreInput;
import dev.rehearsal.workflows.postgres.SnapshotInput;
import dev.rehearsal.workflows.postgres.SnapshotRef;
import dev.rehearsal.workflows.postgres.SnapshotResult;
import dev.rehearsal.workflows.postgres.SqlInput;
import dev.rehearsal.workflows.steps.CommandStepInput;
import dev.rehearsal.workflows.steps.HttpStepInput;
import dev.rehearsal.workflows.steps.StepActivities;
import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one home that maps each step kind to the activity that runs it. Workflow code: deterministic, and each runner
 * schedules exactly the activity (type, input, options) it always has, so committed histories replay.
 */
final class StepRunners {
  /** Runs one step of its kind as activities and returns its result. */
  @FunctionalInterface
  interface StepRunner {
    StepResult run(StepRun step);
  }

  private StepRunners() {}

  /** Exhaustive with no default, so a new {@link StepKind} does not compile until it has a runner here. */
  static StepRunner forKind(StepKind kind) {
    return switch (kind) {
      case COMMAND -> StepRunners::command;
      case HTTP -> StepRunners::http;
      case SQL -> StepRunners::sql;
      case POSTGRES_SNAPSHOT -> StepRunners::snapshot;
      case POSTGRES_RESTORE -> StepRunners::restore;
      case LOAD -> StepRunners::load;
      // Planning copies a rerun's source steps in its place, so no rerun ever reaches a runner.
      case RERUN -> step -> {
        throw new IllegalStateException("step " + step.name() + ": a rerun runs as copies of its phase's steps");
      };
    };
  }

  private static StepResult command(StepRun step) {
    StepSpec spec = step.spec();
    Map<String, TargetSpec> written = new LinkedHashMap<>();
    spec.command().writes().forEach(name -> written.put(name, step.plan().targets().get(name)));
    return steps(step).runCommand(
        new CommandStepInput(step.name(), spec.command(), step.timeoutMillis(), written, step.guard()));
  }

  private static StepResult http(StepRun step) {
    String target = step.spec().http().target();
    return steps(step).checkHttp(new HttpStepInput(step.name(), step.spec().http(), step.timeoutMillis(), target,
        step.plan().targets().get(target), step.guard()));
  }

  private static StepResult sql(StepRun step) {
    String target = step.spec().sql().target();
    return postgres(step).runSql(new SqlInput(step.name(), step.spec().sql(), step.timeoutMillis(), target,
        step.plan().targets().get(target), step.guard()));
  }

  private static StepResult snapshot(StepRun step) {
    StepSpec spec = step.spec();
    SnapshotResult result = postgres(step).snapshot(new SnapshotInput(step.name(), spec.snapshot(),
        step.timeoutMillis(), step.plan().targets().get(spec.snapshot().from())));
    // Keyed by the step's own name, so a rerun's fresh snapshot is the one later restores read.
    step.snapshots().put(spec.name(), result.snapshot());
    return result.step();
  }

  private static StepResult restore(StepRun step) {
    StepSpec spec = step.spec();
    SnapshotRef snapshot = step.snapshots().get(spec.restore().from());
    if (snapshot == null) {
      // A rollback restore after a failed snapshot: nothing to restore, and no point asking a worker.
      throw new StepNotRunnable("snapshot " + spec.restore().from() + " was not taken in this run");
    }
    String target = spec.restore().to();
    return postgres(step).restore(new RestoreInput(step.name(), spec.restore(), step.timeoutMillis(), target,
        step.plan().targets().get(target), snapshot, step.guard()));
  }

  private static StepResult load(StepRun step) {
    String target = step.spec().load().target();
    LoadResult result = Workflow.newActivityStub(LoadActivities.class, step.options()).runLoad(new LoadInput(step.name(),
        step.spec().load(), step.timeoutMillis(), target, step.plan().targets().get(target), step.guard(),
        step.plan().name(), step.plan().environment()));
    step.gates().addAll(result.gates());
    if (result.gates().stream().anyMatch(g -> GateVerdict.FAIL.equals(g.verdict()))) {
      throw new GatesFailed(result.step());
    }
    return result.step();
  }

  private static StepActivities steps(StepRun step) {
    return Workflow.newActivityStub(StepActivities.class, step.options());
  }

  private static PostgresActivities postgres(StepRun step) {
    return Workflow.newActivityStub(PostgresActivities.class, step.options());
  }

  /** A step that cannot run in this run at all (what it needs was never produced). */
  static final class StepNotRunnable extends RuntimeException {
    StepNotRunnable(String message) {
      super(message, null, false, false);
    }
  }

  /** A load step whose gates gave a FAIL: the load ran, but the release did not pass. Not retried. */
  static final class GatesFailed extends RuntimeException {
    final StepResult result;

    GatesFailed(StepResult result) {
      super(result.summary(), null, false, false);
      this.result = result;
    }
  }
}
