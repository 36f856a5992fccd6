package dev.rehearsal.workflows.postgres;

import dev.rehearsal.plan.RestoreSpec;
import dev.rehearsal.plan.TargetSpec;
import java.util.List;

/** A restore step with its target, the snapshot to restore, and the plan's production guard patterns. */
public record RestoreInput(
    String step,
    RestoreSpec spec,
    long timeoutMillis,
    String targetName,
    TargetSpec target,
    SnapshotRef snapshot,
    List<String> guardPatterns) {}
