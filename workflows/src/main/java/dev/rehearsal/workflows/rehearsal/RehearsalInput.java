package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.Plan;
import java.util.Map;

/**
 * A validated plan with its parameters already substituted, who started it, and the approval policy in force for its
 * environment at start (null in runs started before policies were recorded: then the plan's sign-off applies alone).
 */
public record RehearsalInput(
    Plan plan, String releaseCandidate, Map<String, String> parameters, String initiator, ApprovalPolicy policy) {

  public RehearsalInput(Plan plan, String releaseCandidate, Map<String, String> parameters, String initiator) {
    this(plan, releaseCandidate, parameters, initiator, null);
  }
}
