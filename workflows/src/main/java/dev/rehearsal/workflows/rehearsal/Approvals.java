package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.SignoffSpec;
import java.util.List;

/**
 * The sign-off as it stands: the quorum, the accepted decisions, and the refused attempts; and what applied: the rules
 * in force (the stricter of plan and policy), the sign-off timeout, and the server's policy recorded at start (null
 * for runs started before policies were recorded).
 */
public record Approvals(
    int required,
    boolean allowInitiator,
    List<ApprovalRecord> decisions,
    List<RefusedApprovalRecord> refused,
    List<SignoffSpec.Approvers> rules,
    String timeout,
    ApprovalPolicy policy) {

  public Approvals(int required, boolean allowInitiator, List<ApprovalRecord> decisions, List<RefusedApprovalRecord> refused) {
    this(required, allowInitiator, decisions, refused, null, null, null);
  }

  /** The same sign-off with {@code refused} as its refused attempts. */
  public Approvals withRefused(List<RefusedApprovalRecord> newRefused) {
    return new Approvals(required, allowInitiator, decisions, newRefused, rules, timeout, policy);
  }
}
