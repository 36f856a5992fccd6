package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.Plan;
import java.util.Map;

/** A validated plan with its parameters already substituted, and who started it. */
public record RehearsalInput(Plan plan, String releaseCandidate, Map<String, String> parameters, String initiator) {}
