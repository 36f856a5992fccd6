package dev.rehearsal.workflows.rehearsal;

import java.util.ArrayList;
import java.util.List;

/** A run's sign-off as approvals arrive: the rules in force and who has approved, with their roles and groups. */
final class SignoffTally {
  private final SignoffRules rules;
  private final ApprovalPolicy policy;
  private final List<ApproverMatching.Person> approved = new ArrayList<>();

  SignoffTally(SignoffRules rules, ApprovalPolicy policy) {
    this.rules = rules;
    this.policy = policy;
  }

  boolean allowInitiator() {
    return rules.allowInitiator();
  }

  String timeout() {
    return rules.timeout();
  }

  int required() {
    return rules.required();
  }

  int counted() {
    return ApproverMatching.filled(rules.rules(), approved);
  }

  boolean met() {
    return counted() >= required();
  }

  /**
   * Why an approval by this person would count toward no rule still open (null when it counts): approvals the rules
   * cannot use are refused rather than taken, so the approver learns at once whom the run still waits for.
   */
  String uselessApproval(ApprovalRequest request) {
    if (ApproverMatching.wouldCount(rules.rules(), approved, person(request))) {
      return null;
    }
    return request.actor() + " (groups " + request.groups() + ") meets no approver rule still open; the run waits for "
        + String.join(", ", ApproverMatching.open(rules.rules(), approved))
        + ". Each approval counts toward one rule only, so one person in two groups fills one of them";
  }

  void approve(ApprovalRequest request) {
    approved.add(person(request));
  }

  Approvals approvals(List<ApprovalRecord> decisions, List<RefusedApprovalRecord> refused) {
    return new Approvals(required(), allowInitiator(), decisions, refused, rules.rules(), timeout(), policy,
        ApproverMatching.openRules(rules.rules(), approved), List.copyOf(approved));
  }

  private static ApproverMatching.Person person(ApprovalRequest request) {
    return new ApproverMatching.Person(request.actor(), request.roles(), request.groups());
  }
}
