package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.SignoffSpec;
import dev.rehearsal.plan.SignoffSpec.Approvers;

/**
 * An approver rule the sign-off still waits for, and how many more approvals it needs. {@code rule} is written as
 * {@code who} is elsewhere: a role's name ({@code APPROVER}) or {@code group:<name>}.
 */
public record OpenRule(String rule, int needed) {

  static String nameOf(Approvers rule) {
    if (rule.group() != null) {
      return "group:" + rule.group();
    }
    return rule.role() != null ? rule.role() : SignoffSpec.APPROVER_ROLE;
  }
}
