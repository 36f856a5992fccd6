package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code signoff.approvers}: the old one-rule form and a list of role and group rules. */
class ApproverRulesValidationTest {
  private static final String PLAN = """
      apiVersion: rehearsal/v1
      name: shop
      environment: staging
      phases:
        signoff: { approvers: %s }
      """;

  @Test
  void aListOfGroupRulesBindsAndEachApprovalCountsOnce() {
    Plan plan = PlanParser.bind(PlanParser.readTree(PLAN.formatted("[ { group: dba, required: 1 }, { group: qa, required: 2 } ]")), Map.of());

    assertThat(plan.phases().signoff().rules()).containsExactly(
        new SignoffSpec.Approvers(null, 1, "dba"), new SignoffSpec.Approvers(null, 2, "qa"));
    assertThat(plan.phases().signoff().required()).isEqualTo(3);
  }

  @Test
  void theOldFormStillBindsAndOneRuleIsWrittenAsBefore() throws Exception {
    Plan plan = PlanParser.bind(PlanParser.readTree(PLAN.formatted("{ role: APPROVER, required: 2 }")), Map.of());

    assertThat(plan.phases().signoff().rules()).containsExactly(new SignoffSpec.Approvers("APPROVER", 2));
    ObjectMapper json = new ObjectMapper();
    // Recorded histories hold the object form: it must read, and a one-rule plan keeps writing it.
    String written = json.writeValueAsString(plan.phases().signoff());
    assertThat(written).contains("\"approvers\":{\"role\":\"APPROVER\",\"required\":2}");
    SignoffSpec recorded = json.readValue("{\"approvers\":{\"role\":\"APPROVER\",\"required\":2},\"allowInitiator\":false,\"timeout\":null}", SignoffSpec.class);
    assertThat(recorded.required()).isEqualTo(2);
    assertThat(json.readValue("{\"approvers\":null,\"allowInitiator\":true}", SignoffSpec.class).required()).isEqualTo(1);
  }

  @Test
  void misusesAreReportedWithTheirPaths() {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree(PLAN.formatted("""
        [ { group: dba, role: APPROVER }, { group: "../x" }, { group: dba, required: 0 }, { role: ENGINEER }, { who: me } ]""")),
        Optional.empty());

    assertThat(problems).extracting(p -> p.path() + ": " + p.message()).containsExactlyInAnyOrder(
        "phases.signoff.approvers[0]: names a role or a group, not both",
        "phases.signoff.approvers[1].group: must be a group name: letters, digits, '.', '_' or '-', at most 64 characters",
        "phases.signoff.approvers[2]: repeats the rule for group dba; give one rule with a higher 'required' instead",
        "phases.signoff.approvers[2].required: must be a whole number from 1 to 50",
        "phases.signoff.approvers[3].role: must be APPROVER",
        "phases.signoff.approvers[4].who: unknown key; allowed here: [group, required, role]",
        "phases.signoff.approvers[4]: repeats the rule for the APPROVER role; give one rule with a higher 'required' instead");
    assertThat(PlanValidator.validate(PlanParser.readTree(PLAN.formatted("[]")), Optional.empty()))
        .extracting(PlanProblem::path).containsExactly("phases.signoff.approvers");
  }
}
