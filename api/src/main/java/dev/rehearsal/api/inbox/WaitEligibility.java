package dev.rehearsal.api.inbox;

import dev.rehearsal.api.security.RehearsalUser;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Whether a caller may act on what an open run waits for: an approval (asked of {@link ApprovalEligibility}), or a
 * manual step or failure decision, whose {@code who} names a role or {@code group:<name>}.
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
    String who = wait.who() == null ? "" : wait.who();
    if (who.startsWith(GROUP)) {
      return groupsOf(user).contains(who.substring(GROUP.length()));
    }
    return user.roleNames().contains(who);
  }

  /** The caller's groups: none until users carry groups in configuration. */
  private static List<String> groupsOf(RehearsalUser user) {
    return List.of();
  }
}
