package dev.rehearsal.workflows.postgres;

import dev.rehearsal.plan.SnapshotSpec;
import dev.rehearsal.plan.TargetSpec;

/** A snapshot step with its effective timeout and its source target (whose URL activities resolve). */
public record SnapshotInput(String step, SnapshotSpec spec, long timeoutMillis, TargetSpec source) {}
