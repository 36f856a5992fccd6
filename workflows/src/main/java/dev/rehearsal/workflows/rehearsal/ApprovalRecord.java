package dev.rehearsal.workflows.rehearsal;

import java.time.Instant;
import java.util.Map;

/** An accepted decision, as recorded in the run. */
public record ApprovalRecord(String actor, Decision decision, String comment, Map<String, String> waivers, Instant at) {}
