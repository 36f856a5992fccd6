package dev.rehearsal.workflows.archive;

/** The run to archive. */
public record ArchiveInput(String runId) {}
