package dev.rehearsal.api.inbox;

import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.api.security.Role;
import dev.rehearsal.workflows.rehearsal.ApproverMatching;
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
        && !run.deciders().contains(user.name())
        && countsTowardAnOpenRule(user, run);
  }

  /**
   * Whether this user's approval would meet one more rule, as the run's validator counts it (each approval toward one
   * rule only): otherwise the run would refuse it, so it is not offered. Runs that did not record their rules: yes.
   */
  private static boolean countsTowardAnOpenRule(RehearsalUser user, OpenWait run) {
    return run.rules() == null || ApproverMatching.wouldCount(run.rules(), run.approvedBy(),
        new ApproverMatching.Person(user.name(), user.roleNames(), user.groups()));
  }
}
