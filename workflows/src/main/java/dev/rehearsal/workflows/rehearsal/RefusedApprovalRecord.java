package dev.rehearsal.workflows.rehearsal;

import java.time.Instant;

public record RefusedApprovalRecord(String actor, String decision, String reason, Instant at) {}
