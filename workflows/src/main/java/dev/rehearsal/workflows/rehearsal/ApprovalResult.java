package dev.rehearsal.workflows.rehearsal;

/** The run's standing right after a decision was accepted. */
public record ApprovalResult(RunStatus status, int approvals, int required) {}
