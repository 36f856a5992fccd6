package dev.rehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.plan.PlanProblem;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PlanLinesTest {
  private static final PlanLines PLAN = PlanLines.of("""
      apiVersion: rehearsal/v1
      name: lines
      environment: staging
      phases:
        snapshot:
          - name: snap
            postgres.snapshot: { target: db }
        migrate:
          - name: one
            command: { run: [echo] }
          - name: two
            http:
              url: http://x
              expect: { status: 200 }
          - { name: three, http: { url: "http://y" } }
        signoff:
          approvers:
            - { role: APPROVER }
            - group: dba
              count: 2
      """);

  @Test
  void aPathPointsAtTheLineOfItsNode() {
    assertThat(PLAN.line("environment")).hasValue(3);
    assertThat(PLAN.line("phases.migrate[1]")).hasValue(11);
    assertThat(PLAN.line("phases.migrate[1].http.url")).hasValue(13);
    assertThat(PLAN.line("phases.migrate[2].http.url")).as("flow style").hasValue(15);
    assertThat(PLAN.line("phases.signoff.approvers[1]")).hasValue(19);
    assertThat(PLAN.line("phases.signoff.approvers[1].count")).hasValue(20);
    assertThat(PLAN.line("phases.migrate[0].command.run[0]")).hasValue(10);
  }

  @Test
  void aKeyWithDotsIsMatchedWhole() {
    assertThat(PLAN.line("phases.snapshot[0].postgres.snapshot.target")).hasValue(7);
  }

  @Test
  void aPathBeyondTheTextFallsBackToItsNearestAncestor() {
    assertThat(PLAN.line("phases.migrate[1].http.timeout")).as("a missing key").hasValue(12);
    assertThat(PLAN.line("phases.migrate[7].name")).as("an index past the end").hasValue(8);
    assertThat(PLAN.line("phases.signoff.approvers[0].role.x")).as("below a scalar").hasValue(18);
    assertThat(PLAN.line("phases.smoke")).as("a missing phase").hasValue(4);
  }

  @Test
  void aProblemWithoutALinePrintsAsBefore() {
    assertThat(PLAN.line("")).isEqualTo(OptionalInt.empty());
    assertThat(PLAN.line("parameters.rc")).isEqualTo(OptionalInt.empty());
    assertThat(PLAN.format("plan.yaml", new PlanProblem("parameters", "is required"))).isEqualTo("plan.yaml: parameters: is required");
    assertThat(PLAN.format("plan.yaml", new PlanProblem("", "the plan is empty"))).isEqualTo("plan.yaml: the plan is empty");
    assertThat(PLAN.format("plan.yaml", new PlanProblem("phases.migrate[1].http.url", "must be http(s)")))
        .isEqualTo("plan.yaml:13: phases.migrate[1].http.url: must be http(s)");
    assertThat(PlanLines.of("{ not: [closed").line("not")).as("text that does not compose").isEmpty();
  }
}
