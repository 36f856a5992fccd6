package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code onFailure}, {@code failureDecisionTimeout} and {@code onDecisionTimeout} bind as the issue writes them; misuses are refused with their paths. */
class GuidedFailureValidationTest {
  private static final String PLAN = """
      apiVersion: rehearsal/v1
      name: guided
      environment: staging
      """;

  @Test
  void theIssuesSyntaxBinds() {
    Plan plan = PlanParser.bind(PlanParser.readTree(PLAN + """
        onFailure: ask
        failureDecisionTimeout: 4h
        onDecisionTimeout: rollback
        phases:
          migrate:
            - { name: migrate, onFailure: ask, command: { run: [./migrate.sh] } }
            - { name: check, onFailure: fail, command: { run: [./check.sh] } }
          signoff: {}
        """), Map.of());

    assertThat(plan.onFailure()).isEqualTo(OnFailure.ask);
    assertThat(plan.failureDecisionTimeout()).isEqualTo("4h");
    assertThat(plan.onDecisionTimeout()).isEqualTo(OnDecisionTimeout.rollback);
    assertThat(plan.steps(Phase.MIGRATE)).extracting(StepSpec::onFailure).containsExactly(OnFailure.ask, OnFailure.fail);
  }

  @Test
  void aPlanWithoutThemBindsNullsSoRunsFailAsAlways() {
    Plan plan = PlanParser.bind(PlanParser.readTree(PLAN + """
        phases:
          migrate: [ { name: migrate, command: { run: [./migrate.sh] } } ]
          signoff: {}
        """), Map.of());

    assertThat(plan.onFailure()).isNull();
    assertThat(plan.onDecisionTimeout()).isNull();
    assertThat(plan.steps(Phase.MIGRATE).get(0).onFailure()).isNull();
  }

  @Test
  void everyMisuseIsReportedWithItsPath() {
    List<PlanProblem> problems = PlanParser.problems(PlanParser.readTree(PLAN + """
        onFailure: retry
        failureDecisionTimeout: soon
        onDecisionTimeout: skip
        phases:
          migrate:
            - { name: migrate, onFailure: true, command: { run: [./migrate.sh] } }
          rollback:
            - { name: again, onFailure: ask, rerun: migrate }
          signoff: {}
        """));

    assertThat(problems).extracting(PlanProblem::path).containsExactlyInAnyOrder("onFailure", "failureDecisionTimeout",
        "onDecisionTimeout", "phases.migrate[0].onFailure", "phases.rollback[0].onFailure");
    assertThat(problems).filteredOn(p -> p.path().equals("onFailure")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("ask").contains("fail"));
    assertThat(problems).filteredOn(p -> p.path().equals("onDecisionTimeout")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("rollback").contains("abort"));
  }
}
