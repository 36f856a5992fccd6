package dev.rehearsal.workflows.postgres;

import dev.rehearsal.workflows.steps.StepResult;

/** A finished snapshot step: its result, and the snapshot later restore steps read. */
public record SnapshotResult(StepResult step, SnapshotRef snapshot) {}
