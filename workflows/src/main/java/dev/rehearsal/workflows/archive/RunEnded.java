package dev.rehearsal.workflows.archive;

import dev.rehearsal.workflows.rehearsal.RunStatus;

/** What a run tells its archiver as the last thing it does: it has ended, and how. */
public record RunEnded(String runId, RunStatus status) {}
