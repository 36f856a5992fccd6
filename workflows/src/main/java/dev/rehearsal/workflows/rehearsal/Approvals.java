package dev.rehearsal.workflows.rehearsal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rehearsal.plan.SignoffSpec;
import java.util.List;

/**
 * The sign-off as it stands: the quorum, the accepted decisions, and the refused attempts; and what applied: the rules
 * in force (the stricter of plan and policy), the sign-off timeout, and the server's policy recorded at start (null
 * for runs started before policies were recorded); and how it stands: which rules are still {@code open} (none once
 * met) and who has approved so far with the roles and groups they counted with ({@code approvedBy}), so that an inbox
 * can tell whom the run still waits for without asking it. Each approval counts toward one rule only.
 */
public record Approvals(
    int required,
    boolean allowInitiator,
    List<ApprovalRecord> decisions,
    List<RefusedApprovalRecord> refused,
    List<SignoffSpec.Approvers> rules,
    String timeout,
    ApprovalPolicy policy,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<OpenRule> open,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ApproverMatching.Person> approvedBy) {

  public Approvals(int required, boolean allowInitiator, List<ApprovalRecord> decisions,
      List<RefusedApprovalRecord> refused, List<SignoffSpec.Approvers> rules, String timeout, ApprovalPolicy policy) {
    this(required, allowInitiator, decisions, refused, rules, timeout, policy, null, null);
  }

  public Approvals(int required, boolean allowInitiator, List<ApprovalRecord> decisions, List<RefusedApprovalRecord> refused) {
    this(required, allowInitiator, decisions, refused, null, null, null, null, null);
  }

  /** The same sign-off with {@code refused} as its refused attempts. */
  public Approvals withRefused(List<RefusedApprovalRecord> newRefused) {
    return new Approvals(required, allowInitiator, decisions, newRefused, rules, timeout, policy, open, approvedBy);
  }
}
