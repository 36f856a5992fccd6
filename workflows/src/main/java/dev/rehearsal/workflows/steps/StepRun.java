package dev.rehearsal.workflows.steps;

import dev.rehearsal.plan.Plan;
import dev.rehearsal.plan.StepSpec;
import dev.rehearsal.plan.TargetSpec;
import dev.rehearsal.workflows.postgres.SnapshotRef;
import dev.rehearsal.workflows.rehearsal.GateState;
import io.temporal.activity.ActivityOptions;
import java.util.List;
import java.util.Map;

/**
 * What a step needs to run in the workflow: its display name (a rerun's copies have their own), its spec, the plan, the
 * activity options and timeout, the run's state that steps share (snapshots taken, gate verdicts), and the
 * workflow's waits for people (manual steps).
 */
public record StepRun(String name, StepSpec spec, Plan plan, ActivityOptions options, long timeoutMillis,
    Map<String, SnapshotRef> snapshots, List<GateState> gates, ManualWaits manual) {

  public StepRun(String name, StepSpec spec, Plan plan, ActivityOptions options, long timeoutMillis,
      Map<String, SnapshotRef> snapshots, List<GateState> gates) {
    this(name, spec, plan, options, timeoutMillis, snapshots, gates, null);
  }

  /** The patterns of production addresses that no step may write to. */
  public List<String> guard() {
    return plan.guard().production();
  }

  public TargetSpec target(String name) {
    return plan.targets().get(name);
  }

  /** The outputs the step's activity must take, or null when it declares none. */
  public OutputRequest outputRequest() {
    return spec.outputs() == null || spec.outputs().isEmpty() ? null : new OutputRequest(spec.name(), spec.outputs());
  }

  /** A stub of the kind's activity interface with this step's options. */
  public <T> T activities(Class<T> type) {
    return ActivityStubs.of(type, options);
  }
}
