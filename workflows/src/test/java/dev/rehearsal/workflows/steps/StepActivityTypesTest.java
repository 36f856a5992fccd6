package dev.rehearsal.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The run's timeline shows exactly these activities as steps; webhooks and baselines are told apart by type. */
class StepActivityTypesTest {
  @Test
  void theStepActivityTypesAreTheMethodsThatRunStepKinds() {
    assertThat(StepActivityTypes.names()).containsExactlyInAnyOrder(
        "RunCommand", "CheckHttp", "PostgresSnapshot", "PostgresRestore", "PostgresCopy", "PostgresRunSql", "LoadRunLoad", "CheckAssertion");
    assertThat(StepActivityTypes.isStep("LoadRecordBaseline")).isFalse();
    assertThat(StepActivityTypes.isStep("NotifyPost")).isFalse();
  }
}
