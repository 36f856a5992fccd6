package dev.rehearsal.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.plan.SignoffSpec.Approvers;
import dev.rehearsal.workflows.rehearsal.ApproverMatching.Person;
import dev.rehearsal.workflows.rehearsal.ApproverShortfalls.Shortfall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether configured people can meet approver rules at once, each approval counting toward one rule only. */
class ApproverShortfallsTest {
  private static final Person DANA = approver("dana", "dba", "qa");
  private static final Person DAN = approver("dan", "dba");
  private static final Person QUINN = approver("quinn", "qa");
  private static final Person SAM = approver("sam", "sre");
  private static final Approvers DBA = group("dba", 1);
  private static final Approvers QA = group("qa", 1);

  @Test
  void rulesAreMetWhenThePersonInTwoGroupsTakesTheRuleOnlyTheyCanMeet() {
    assertThat(ApproverShortfalls.of(List.of(DBA, QA), List.of(DANA, DAN))).isEmpty();
    assertThat(ApproverShortfalls.of(List.of(QA, DBA), List.of(DAN, DANA))).as("in any order").isEmpty();
    assertThat(ApproverShortfalls.of(List.of(group("qa", 2), group("dba", 2)),
        List.of(DANA, QUINN, DAN, approver("erin", "dba", "release")))).isEmpty();
  }

  @Test
  void onePersonInTwoGroupsCannotMeetBothRules() {
    assertThat(ApproverShortfalls.of(List.of(DBA, QA), List.of(DANA)))
        .containsExactly(new Shortfall(List.of(0, 1), 2, 1));
    assertThat(ApproverShortfalls.of(List.of(group("sre", 1), DBA, QA), List.of(SAM, DANA)))
        .as("a rule others can meet is not part of the shortfall")
        .containsExactly(new Shortfall(List.of(1, 2), 2, 1));
  }

  @Test
  void aRuleFewerPeopleCanCountTowardThanItNeedsIsNamedOnItsOwn() {
    assertThat(ApproverShortfalls.of(List.of(DBA, group("qa", 3)), List.of(DANA, QUINN, DAN)))
        .containsExactly(new Shortfall(List.of(1), 3, 2));
    assertThat(ApproverShortfalls.of(List.of(DBA, group("sre", 1)), List.of(DANA, DAN)))
        .containsExactly(new Shortfall(List.of(1), 1, 0));
    Shortfall roleOnly = ApproverShortfalls.of(List.of(new Approvers("APPROVER", 3)), List.of(DANA, DAN)).get(0);
    assertThat(roleOnly).isEqualTo(new Shortfall(List.of(0), 3, 2));
    assertThat(roleOnly.missing()).isEqualTo(1);
  }

  @Test
  void aRuleShortOnItsOwnAndARuleItsPeopleWouldHaveToShareAreBothNamed() {
    // qa needs three of its two people; dba's only person is one of them, so dba cannot be met either.
    assertThat(ApproverShortfalls.of(List.of(group("qa", 3), DBA), List.of(DANA, QUINN)))
        .containsExactly(new Shortfall(List.of(0), 3, 2), new Shortfall(List.of(0, 1), 4, 2));
  }

  @Test
  void aGroupMemberWithoutTheApproverRoleCountsTowardNoRule() {
    Person greta = new Person("greta", List.of("ENGINEER"), List.of("dba"));

    assertThat(ApproverShortfalls.of(List.of(DBA), List.of(greta))).containsExactly(new Shortfall(List.of(0), 1, 0));
    assertThat(ApproverShortfalls.of(List.of(new Approvers(null, 1, null)), List.of(greta)))
        .containsExactly(new Shortfall(List.of(0), 1, 0));
  }

  private static Person approver(String name, String... groups) {
    return new Person(name, List.of("APPROVER"), List.of(groups));
  }

  private static Approvers group(String group, int required) {
    return new Approvers(null, required, group);
  }
}
