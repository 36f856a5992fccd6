package dev.rehearsal.workflows.rehearsal;

import java.util.List;

/** The sign-off as it stands: the quorum, the accepted decisions, and the refused attempts. */
public record Approvals(
    int required, boolean allowInitiator, List<ApprovalRecord> decisions, List<RefusedApprovalRecord> refused) {}
