package dev.rehearsal.api.rehearsals;

/** What an ENGINEER sends to decide on a failed step: retry, skip, rollback or abort, and why. Who they are comes from their token. */
public record StepDecisionBody(String action, String reason) {}
