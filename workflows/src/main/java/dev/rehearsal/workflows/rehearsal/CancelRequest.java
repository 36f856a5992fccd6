package dev.rehearsal.workflows.rehearsal;

/** Stop a run. {@code actor} is the authenticated caller. */
public record CancelRequest(String actor, String reason) {}
