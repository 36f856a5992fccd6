package dev.rehearsal.workflows.rehearsal;

/** A decision that was refused (wrong role, the initiator, a second decision...), kept for auditors. */
public record RefusedApproval(String actor, String decision, String reason) {}
