package dev.rehearsal.workflows.rehearsal;

import java.time.Instant;

public record RefusedFailureDecisionRecord(String actor, String step, String action, String reason, Instant at) {}
