package dev.rehearsal.workflows.rehearsal;

import java.time.Instant;

public record CancelRecord(String actor, String reason, Instant at) {}
