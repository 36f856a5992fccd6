package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.Durations;
import dev.rehearsal.plan.SignoffSpec;
import dev.rehearsal.plan.SignoffSpec.Approvers;
import java.util.ArrayList;
import java.util.List;

/**
 * The sign-off a run enforces: the stricter of its plan and the policy in force. Whatever the plan leaves out comes
 * from the policy (its required groups, one approval each, and enough further approvers to reach its minimum); a
 * longer timeout is cut to the policy's longest; the initiator approves only when both the plan and the policy allow
 * it. Plans that ask for less are refused before they start, so this only fills in what the plan did not say. Without
 * a recorded policy (runs started before policies were recorded) the plan alone applies, as it did then.
 */
public record SignoffRules(List<Approvers> rules, boolean allowInitiator, String timeout) {

  public SignoffRules {
    rules = List.copyOf(rules);
  }

  public static SignoffRules of(SignoffSpec plan, ApprovalPolicy policy) {
    SignoffSpec signoff = plan == null ? new SignoffSpec(null, false, null) : plan;
    if (policy == null) {
      return new SignoffRules(signoff.rules(), signoff.allowInitiator(), signoff.timeoutOrDefault());
    }
    List<Approvers> rules = new ArrayList<>(signoff.approvers() == null ? List.of() : signoff.approvers());
    for (String group : policy.requiredGroups()) {
      if (rules.stream().noneMatch(r -> group.equals(r.group()))) {
        rules.add(new Approvers(null, 1, group));
      }
    }
    int missing = Math.max(1, policy.minApprovers()) - rules.stream().mapToInt(Approvers::count).sum();
    if (missing > 0) {
      int roleRule = indexOfRoleRule(rules);
      if (roleRule < 0) {
        rules.add(new Approvers(SignoffSpec.APPROVER_ROLE, missing, null));
      } else {
        Approvers r = rules.get(roleRule);
        rules.set(roleRule, new Approvers(r.role(), r.count() + missing, null));
      }
    }
    String timeout = signoff.timeoutOrDefault();
    if (policy.maxSignoffTimeout() != null
        && Durations.parse(policy.maxSignoffTimeout()).compareTo(Durations.parse(timeout)) < 0) {
      timeout = policy.maxSignoffTimeout();
    }
    return new SignoffRules(rules, signoff.allowInitiator() && policy.initiatorMayApprove(), timeout);
  }

  /** How many distinct people must approve: each approval counts toward one rule only. */
  public int required() {
    return rules.stream().mapToInt(Approvers::count).sum();
  }

  private static int indexOfRoleRule(List<Approvers> rules) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).group() == null) {
        return i;
      }
    }
    return -1;
  }
}
