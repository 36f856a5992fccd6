package dev.rehearsal.api.plans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.api.security.Role;
import dev.rehearsal.plan.Durations;
import dev.rehearsal.plan.PlanProblem;
import dev.rehearsal.plan.SignoffSpec;
import dev.rehearsal.workflows.rehearsal.ApprovalPolicy;
import dev.rehearsal.workflows.rehearsal.ApproverMatching;
import dev.rehearsal.workflows.rehearsal.SignoffRules;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan's sign-off against the approval policy for its environment: a plan that says less than the policy (fewer
 * approvers, no rule for a required group, a longer timeout, the initiator approving where the policy never lets them)
 * is refused, naming the policy's key; what a plan leaves out, the policy fills in. Then the rules in force must be
 * possible to meet with the configured users, so no run waits for a combination of people nobody can give.
 */
final class PolicyPlanCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIGNOFF = "phases.signoff";

  private final ApprovalPolicies policies;

  PolicyPlanCheck(ApprovalPolicies policies) {
    this.policies = policies;
  }

  List<PlanProblem> problems(JsonNode plan, RehearsalUser initiator, List<RehearsalUser> users) {
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
    if (problems.isEmpty()) {
      unmeetable(signoff, policy, initiator, users).ifPresent(problems::add);
    }
    return problems;
  }

  /**
   * Whether the configured approvers (not the initiator, unless they may approve) can meet rules in force that name a
   * group.
   */
  private static java.util.Optional<PlanProblem> unmeetable(JsonNode signoff, ApprovalPolicy policy,
      RehearsalUser initiator, List<RehearsalUser> users) {
    SignoffSpec spec;
    try {
      spec = signoff.isObject() ? JSON.treeToValue(signoff, SignoffSpec.class) : null;
    } catch (java.io.IOException unreadable) {
      return java.util.Optional.empty(); // the plan's own validation reports it
    }
    SignoffRules rules = SignoffRules.of(spec, policy);
    if (rules.rules().stream().allMatch(rule -> rule.group() == null)) {
      // Role-only sign-off stays as it was before groups: how many APPROVERs exist is the operator's to keep.
      return java.util.Optional.empty();
    }
    List<ApproverMatching.Person> people = users.stream()
        .filter(u -> u.has(Role.APPROVER))
        .filter(u -> rules.allowInitiator() || initiator == null || !u.name().equals(initiator.name()))
        .map(u -> new ApproverMatching.Person(u.name(), u.roleNames(), u.groups()))
        .toList();
    if (ApproverMatching.filled(rules.rules(), people) >= rules.required()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new PlanProblem(signoff.has("approvers") ? SIGNOFF + ".approvers" : SIGNOFF,
        "cannot be met by the configured users (rehearsal.security.users): with every APPROVER counted"
            + (rules.allowInitiator() ? "" : " but you, the initiator") + ", the run would still wait for "
            + String.join(", ", ApproverMatching.open(rules.rules(), people))
            + ". Each approval counts toward one rule only, so one person in two groups fills one of them"));
  }
}
