package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.Plan;
import dev.rehearsal.plan.StepSpec;
import dev.rehearsal.workflows.postgres.SnapshotRef;
import io.temporal.activity.ActivityOptions;
import java.util.List;
import java.util.Map;

/**
 * What a step runner needs to run one step: its display name (a rerun's copies have their own), its spec, the plan,
 * the activity options and timeout, and the run's state that steps share (snapshots taken, gate verdicts).
 */
record StepRun(String name, StepSpec spec, Plan plan, ActivityOptions options, long timeoutMillis,
    Map<String, SnapshotRef> snapshots, List<GateState> gates) {

  List<String> guard() {
    return plan.guard().production();
  }
}
