package dev.rehearsal.workflows.archive;

/** How the wait for a run ended: it closed (with Temporal's close status), or it never appeared. */
public record RunClosure(String runId, boolean found, String closeStatus) {}
