package dev.rehearsal.api.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.workflows.rehearsal.ApprovalPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy in force for an environment: its own entry over the default, key by key. */
class ApprovalPoliciesTest {
  private static final ApprovalPolicies POLICIES = new ApprovalPolicies(
      new ApprovalPolicies.Policy(false, 1, null, "96h", null),
      Map.of("staging", new ApprovalPolicies.Policy(null, 2, List.of("dba"), null, List.of("ENGINEER")),
          "sandbox", new ApprovalPolicies.Policy(true, null, null, "1h", null)));

  @Test
  void anEnvironmentsEntryOverridesTheDefaultKeyByKey() {
    assertThat(POLICIES.inForce("staging")).isEqualTo(new ApprovalPolicy(
        "rehearsal.policies.environments.staging over rehearsal.policies.default", 2, List.of("dba"), false, "96h", List.of("ENGINEER")));
    assertThat(POLICIES.inForce("sandbox")).isEqualTo(new ApprovalPolicy(
        "rehearsal.policies.environments.sandbox over rehearsal.policies.default", 1, List.of(), true, "1h", List.of()));
    assertThat(POLICIES.inForce("qa")).isEqualTo(new ApprovalPolicy("rehearsal.policies.default", 1, List.of(), false, "96h", List.of()));
  }

  @Test
  void errorMessagesNameTheKeyThatDecides() {
    assertThat(POLICIES.keyFor("staging", "minApprovers", ApprovalPolicies.Policy::minApprovers))
        .isEqualTo("rehearsal.policies.environments.staging.minApprovers");
    assertThat(POLICIES.keyFor("staging", "maxSignoffTimeout", ApprovalPolicies.Policy::maxSignoffTimeout))
        .isEqualTo("rehearsal.policies.default.maxSignoffTimeout");
    assertThat(POLICIES.ruleFor("sandbox")).isEqualTo("rehearsal.policies.environments.sandbox.initiatorMayApprove");
  }

  @Test
  void nothingConfiguredMeansOneApproverAndNeverTheInitiator() {
    ApprovalPolicy none = new ApprovalPolicies(null, null).inForce("staging");

    assertThat(none).isEqualTo(new ApprovalPolicy("rehearsal.policies.default", 1, List.of(), false, null, List.of()));
  }

  @Test
  void aPolicyThatMakesNoSenseStopsTheServerFromStarting() {
    assertThatThrownBy(() -> new ApprovalPolicies(null, Map.of("staging", new ApprovalPolicies.Policy(null, 0, null, null, null))))
        .hasMessage("rehearsal.policies.environments.staging.minApprovers must be at least 1");
    assertThatThrownBy(() -> new ApprovalPolicies(new ApprovalPolicies.Policy(null, null, null, "three days", null), null))
        .hasMessage("rehearsal.policies.default.maxSignoffTimeout is not a duration such as 72h or 30m");
  }

  /** Hostile finding 3: policies are found by the exact name, so each environment is configured one way. */
  @Test
  void environmentsThatDifferOnlyInCaseOrAreNoNameStopTheServerFromStarting() {
    ApprovalPolicies.Policy two = new ApprovalPolicies.Policy(null, 2, null, null, null);
    assertThatThrownBy(() -> new ApprovalPolicies(null, Map.of("staging", two, "Staging", two)))
        .hasMessage("rehearsal.policies.environments has both 'Staging' and 'staging', which differ only in case; plans"
            + " must name an environment one way, so configure it one way");
    assertThatThrownBy(() -> new ApprovalPolicies(null, Map.of("staging ", two)))
        .hasMessageStartingWith("rehearsal.policies.environments.staging : an environment name is 1 to 63 ASCII");
  }

  @Test
  void anotherSpellingOfAConfiguredEnvironmentIsFound() {
    assertThat(POLICIES.spelledOtherwise("Staging")).hasValue("staging");
    assertThat(POLICIES.spelledOtherwise("STAGING")).hasValue("staging");
    assertThat(POLICIES.spelledOtherwise("staging")).isEmpty();
    assertThat(POLICIES.spelledOtherwise("qa")).isEmpty();
  }
}
