package dev.rehearsal.api.inbox;

import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.api.security.Role;
import org.springframework.stereotype.Component;

/**
 * Whether a caller may approve a run awaiting sign-off, as the inbox decides what to offer. The run's own validator
 * stays the authority at decision time; this is the one place that mirrors its rules for the inbox, so that approver
 * groups and per-environment policies extend it here.
 */
@Component
public class ApprovalEligibility {

  public boolean mayApprove(RehearsalUser user, OpenWait run) {
    return user.has(Role.APPROVER)
        && (run.allowInitiator() || !user.name().equals(run.initiator()))
        && !run.deciders().contains(user.name());
  }
}
