package dev.rehearsal.api.inbox;

import dev.rehearsal.api.security.RehearsalUser;
import org.springframework.stereotype.Component;

/**
 * Whether a caller may act on what an open run waits for: an approval (asked of {@link ApprovalEligibility}), or a
 * manual step or failure decision, whose {@code who} names a role or {@code group:<name>} (and whose initiator is left
 * out where the plan keeps them out of a manual step).
 */
@Component
public class WaitEligibility {
  private static final String GROUP = "group:";

  private final ApprovalEligibility approvals;

  public WaitEligibility(ApprovalEligibility approvals) {
    this.approvals = approvals;
  }

  public boolean mayAct(RehearsalUser user, OpenWait wait) {
    if (wait.awaited() == OpenWait.Awaited.approval) {
      return approvals.mayApprove(user, wait);
    }
    if (!wait.allowInitiator() && user.name().equals(wait.initiator())) {
      return false;
    }
    String who = wait.who() == null ? "" : wait.who();
    if (who.startsWith(GROUP)) {
      return user.groups().contains(who.substring(GROUP.length()));
    }
    return user.roleNames().contains(who);
  }
}
