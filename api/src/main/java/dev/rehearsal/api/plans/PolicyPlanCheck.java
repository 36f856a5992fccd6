package dev.rehearsal.api.plans;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.plan.Durations;
import dev.rehearsal.plan.PlanProblem;
import dev.rehearsal.workflows.rehearsal.ApprovalPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan's sign-off against the approval policy for its environment: a plan that says less than the policy (fewer
 * approvers, no rule for a required group, a longer timeout, the initiator approving where the policy never lets them)
 * is refused, naming the policy's key; what a plan leaves out, the policy fills in ({@link SignoffPeopleCheck} then
 * judges whether the known people can meet the rules in force).
 */
final class PolicyPlanCheck {
  private static final String SIGNOFF = "phases.signoff";

  private final ApprovalPolicies policies;

  PolicyPlanCheck(ApprovalPolicies policies) {
    this.policies = policies;
  }

  List<PlanProblem> problems(JsonNode plan) {
    String environment = plan.path("environment").asText();
    ApprovalPolicy policy = policies.inForce(environment);
    JsonNode signoff = plan.at("/phases/signoff");
    String forEnvironment = "the approval policy for environment " + environment;
    List<PlanProblem> problems = new ArrayList<>();
    if (signoff.path("allowInitiator").asBoolean(false) && !policy.initiatorMayApprove()) {
      problems.add(new PlanProblem(SIGNOFF + ".allowInitiator", forEnvironment
          + " never lets the initiator sign off (" + policies.ruleFor(environment) + "); a plan may only tighten it"));
    }
    JsonNode approvers = signoff.get("approvers");
    if (approvers != null && !approvers.isNull()) {
      List<String> groups = new ArrayList<>();
      int asked = 0;
      for (JsonNode rule : approvers.isArray() ? approvers : List.of(approvers)) {
        asked += rule.path("required").asInt(1);
        if (rule.hasNonNull("group")) {
          groups.add(rule.get("group").asText());
        }
      }
      if (asked < policy.minApprovers()) {
        problems.add(new PlanProblem(SIGNOFF + ".approvers", "asks for " + asked + " approver(s); " + forEnvironment
            + " requires at least " + policy.minApprovers() + " (" + policies.keyFor(environment, "minApprovers",
            ApprovalPolicies.Policy::minApprovers) + "); a plan may only tighten it. Each approval counts toward one"
            + " rule only, so the rules' 'required' add up"));
      }
      for (String group : policy.requiredGroups()) {
        if (!groups.contains(group)) {
          problems.add(new PlanProblem(SIGNOFF + ".approvers", "has no rule for group " + group + ", which "
              + forEnvironment + " requires (" + policies.keyFor(environment, "requiredGroups",
              ApprovalPolicies.Policy::requiredGroups) + "); add { group: " + group + ", required: 1 }"));
        }
      }
    }
    JsonNode timeout = signoff.get("timeout");
    if (timeout != null && policy.maxSignoffTimeout() != null
        && Durations.parse(timeout.asText()).compareTo(Durations.parse(policy.maxSignoffTimeout())) > 0) {
      problems.add(new PlanProblem(SIGNOFF + ".timeout", timeout.asText() + " is longer than " + forEnvironment
          + " allows: at most " + policy.maxSignoffTimeout() + " (" + policies.keyFor(environment, "maxSignoffTimeout",
          ApprovalPolicies.Policy::maxSignoffTimeout) + "); a plan may only tighten it"));
    }
    return problems;
  }
}
