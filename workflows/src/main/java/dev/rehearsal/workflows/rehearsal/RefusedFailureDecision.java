package dev.rehearsal.workflows.rehearsal;

/** A decision on a failed step that was refused (wrong role, nothing waiting, another step...), kept for auditors. */
public record RefusedFailureDecision(String actor, String step, String action, String reason) {}
