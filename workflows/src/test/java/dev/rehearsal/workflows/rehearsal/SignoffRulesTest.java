package dev.rehearsal.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.plan.SignoffSpec;
import dev.rehearsal.plan.SignoffSpec.Approvers;
import dev.rehearsal.workflows.rehearsal.ApproverMatching.Person;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merge of a plan's sign-off with the policy in force, and how approvals count toward rules. */
class SignoffRulesTest {
  private static final ApprovalPolicy STAGING =
      new ApprovalPolicy("rehearsal.policies.environments.staging", 2, List.of("dba"), false, "24h", List.of("ENGINEER"));
  private static final List<String> APPROVER = List.of("APPROVER");

  @Test
  void withoutAPolicyThePlanAppliesAsItDidBefore() {
    SignoffRules rules = SignoffRules.of(new SignoffSpec(List.of(new Approvers("APPROVER", 2)), true, "96h"), null);

    assertThat(rules).isEqualTo(new SignoffRules(List.of(new Approvers("APPROVER", 2)), true, "96h"));
    assertThat(SignoffRules.of(null, null)).isEqualTo(new SignoffRules(List.of(new Approvers(null, null, null)), false, "72h"));
  }

  @Test
  void whatThePlanLeavesOutComesFromThePolicy() {
    SignoffRules rules = SignoffRules.of(new SignoffSpec(null, false, null), STAGING);

    assertThat(rules.rules()).containsExactly(new Approvers(null, 1, "dba"), new Approvers("APPROVER", 1, null));
    assertThat(rules.required()).isEqualTo(2);
    assertThat(rules.timeout()).isEqualTo("24h");
    assertThat(rules.allowInitiator()).isFalse();
  }

  @Test
  void theStricterOfPlanAndPolicyApplies() {
    SignoffSpec plan = new SignoffSpec(List.of(new Approvers(null, 1, "dba"), new Approvers(null, 2, "qa")), true, "12h");

    SignoffRules rules = SignoffRules.of(plan, STAGING);

    assertThat(rules.rules()).containsExactly(new Approvers(null, 1, "dba"), new Approvers(null, 2, "qa"));
    assertThat(rules.required()).isEqualTo(3);
    assertThat(rules.timeout()).isEqualTo("12h");
    assertThat(rules.allowInitiator()).as("the plan allows it, the policy does not").isFalse();
    ApprovalPolicy lenient = new ApprovalPolicy("rehearsal.policies.default", 1, List.of(), true, null, List.of());
    assertThat(SignoffRules.of(plan, lenient).allowInitiator()).isTrue();
    assertThat(SignoffRules.of(new SignoffSpec(null, false, null), lenient).allowInitiator()).as("and the plan must ask").isFalse();
  }

  @Test
  void aPlanBelowThePolicyIsRaisedToItEvenIfItGotThrough() {
    SignoffRules rules = SignoffRules.of(new SignoffSpec(List.of(new Approvers("APPROVER", 1)), true, "96h"), STAGING);

    assertThat(rules.rules()).containsExactly(new Approvers("APPROVER", 1, null), new Approvers(null, 1, "dba"));
    assertThat(SignoffRules.of(new SignoffSpec(List.of(new Approvers(null, 1, "qa")), false, null),
        new ApprovalPolicy("p", 3, List.of(), false, null, List.of())).rules())
        .containsExactly(new Approvers(null, 1, "qa"), new Approvers("APPROVER", 2, null));
    assertThat(rules.timeout()).isEqualTo("24h");
    assertThat(rules.allowInitiator()).isFalse();
  }

  @Test
  void onePersonInTwoGroupsFillsOnePlaceWhicheverLetsTheMostRulesBeMet() {
    List<Approvers> rules = List.of(new Approvers(null, 1, "dba"), new Approvers(null, 1, "qa"));
    Person both = new Person("dana", APPROVER, List.of("dba", "qa"));
    Person dba = new Person("dan", APPROVER, List.of("dba"));
    Person qa = new Person("quinn", APPROVER, List.of("qa"));

    assertThat(ApproverMatching.filled(rules, List.of(both))).isEqualTo(1);
    assertThat(ApproverMatching.filled(rules, List.of(both, dba))).as("dana moves to qa").isEqualTo(2);
    assertThat(ApproverMatching.filled(rules, List.of(both, qa))).isEqualTo(2);
    assertThat(ApproverMatching.filled(rules, List.of(dba, new Person("dora", APPROVER, List.of("dba"))))).isEqualTo(1);
    assertThat(ApproverMatching.open(rules, List.of(dba))).containsExactly("group qa (1 more)");
    assertThat(ApproverMatching.filled(rules, List.of(new Person("eve", List.of("ENGINEER"), List.of("dba", "qa")))))
        .as("a group member without the APPROVER role counts for nothing").isZero();
    assertThat(ApproverMatching.filled(List.of(new Approvers("APPROVER", 2)), List.of(both, dba))).isEqualTo(2);
  }
}
