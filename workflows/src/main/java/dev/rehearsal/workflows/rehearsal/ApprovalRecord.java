package dev.rehearsal.workflows.rehearsal;

import java.time.Instant;
import java.util.Map;

/** An accepted decision, as recorded in the run, with the evidence digest the approver reviewed (when given). */
public record ApprovalRecord(
    String actor, Decision decision, String comment, Map<String, String> waivers, String evidenceDigest, Instant at) {}
