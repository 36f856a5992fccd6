package dev.rehearsal.api.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.api.security.Role;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.WaitingFor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Manual steps and failure decisions reach the inbox of whoever their {@code waitingFor.who} names; a run that is
 * cancelled, closed or not waiting reaches nobody's.
 */
class WaitEligibilityTest {
  private static final Instant SINCE = Instant.parse("2026-11-30T06:00:00Z");
  private static final RehearsalUser ENGINEER = new RehearsalUser("alice", List.of(Role.ENGINEER));
  private static final RehearsalUser APPROVER = new RehearsalUser("bob", List.of(Role.APPROVER));
  private final WaitEligibility eligibility = new WaitEligibility(new ApprovalEligibility());

  private static RehearsalState running(WaitingFor waiting, RunStatus status) {
    return new RehearsalState("rh-1", "shop", "staging", "v1", "carol", Map.of(), status, null, SINCE, null, List.of(),
        List.of(), null, null, null, null, null, waiting, null);
  }

  @Test
  void aDecisionForEngineersReachesEngineersOnly() {
    OpenWait wait = OpenWait.of(running(new WaitingFor(WaitingFor.Kind.DECISION, "migrate", SINCE, "ENGINEER"),
        RunStatus.RUNNING)).orElseThrow();
    assertThat(wait.awaited()).isEqualTo(OpenWait.Awaited.decision);
    assertThat(wait.step()).isEqualTo("migrate");
    assertThat(wait.since()).isEqualTo(SINCE);
    assertThat(eligibility.mayAct(ENGINEER, wait)).isTrue();
    assertThat(eligibility.mayAct(APPROVER, wait)).isFalse();
  }

  @Test
  void aManualStepForApproversReachesApproversOnly() {
    OpenWait wait = OpenWait.of(running(new WaitingFor(WaitingFor.Kind.MANUAL, "dashboards", SINCE, "APPROVER"),
        RunStatus.RUNNING)).orElseThrow();
    assertThat(wait.awaited()).isEqualTo(OpenWait.Awaited.manual);
    assertThat(eligibility.mayAct(APPROVER, wait)).isTrue();
    assertThat(eligibility.mayAct(ENGINEER, wait)).isFalse();
  }

  @Test
  void aGroupStepReachesItsGroupsMembersOnly() {
    OpenWait wait = OpenWait.of(running(new WaitingFor(WaitingFor.Kind.MANUAL, "dashboards", SINCE, "group:dba"),
        RunStatus.RUNNING)).orElseThrow();
    assertThat(eligibility.mayAct(APPROVER, wait)).isFalse();
    assertThat(eligibility.mayAct(ENGINEER, wait)).isFalse();
    assertThat(eligibility.mayAct(new RehearsalUser("dana", List.of(Role.ENGINEER), List.of("dba")), wait)).isTrue();
  }

  /** Hostile finding 6: the initiator (carol, in group dba) was offered a step the plan keeps her out of. */
  @Test
  void aManualStepThatKeepsItsInitiatorOutIsNotOfferedToThem() {
    RehearsalUser initiator = new RehearsalUser("carol", List.of(Role.ENGINEER), List.of("dba"));
    RehearsalUser other = new RehearsalUser("dana", List.of(Role.ENGINEER), List.of("dba"));
    OpenWait keptOut = OpenWait.of(running(new WaitingFor(WaitingFor.Kind.MANUAL, "dbacheck", SINCE, "group:dba", null,
        "x", null, null, false), RunStatus.RUNNING)).orElseThrow();
    assertThat(eligibility.mayAct(initiator, keptOut)).isFalse();
    assertThat(eligibility.mayAct(other, keptOut)).isTrue();

    OpenWait allowed = OpenWait.of(running(new WaitingFor(WaitingFor.Kind.MANUAL, "dbacheck", SINCE, "group:dba", null,
        "x", null, null, true), RunStatus.RUNNING)).orElseThrow();
    assertThat(eligibility.mayAct(initiator, allowed)).isTrue();
    OpenWait decision = OpenWait.of(running(new WaitingFor(WaitingFor.Kind.DECISION, "migrate", SINCE, "ENGINEER"),
        RunStatus.RUNNING)).orElseThrow();
    assertThat(eligibility.mayAct(initiator, decision)).as("the initiator decides on their own run's failures").isTrue();
  }

  @Test
  void aRunNotWaitingOrClosedWaitsForNobody() {
    assertThat(OpenWait.of(running(null, RunStatus.RUNNING))).isEmpty();
    assertThat(OpenWait.of(running(new WaitingFor(WaitingFor.Kind.MANUAL, "x", SINCE, "ENGINEER"), RunStatus.FAILED))).isEmpty();
  }
}
