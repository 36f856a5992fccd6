package dev.rehearsal.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.plan.Phase;
import dev.rehearsal.plan.ReadinessSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run's readiness as seed 001 §9 decides it, and the plan's estimate an approver reads next to it. */
class ReadinessTest {
  private static final ReadinessSpec SPEC = ReadinessSpec.DEFAULT;
  private static final List<StepState> PASSED = List.of(step(StepStatus.SUCCEEDED));

  @Test
  void aFailedStepIsAFailWhateverTheGatesSay() {
    List<StepState> steps = List.of(step(StepStatus.SUCCEEDED), step(StepStatus.FAILED));
    assertThat(Readiness.verdict(steps, List.of())).isEqualTo(ReadinessVerdict.FAIL);
    assertThat(Readiness.verdict(steps, List.of(gate(GateVerdict.PASS)))).isEqualTo(ReadinessVerdict.FAIL);
  }

  @Test
  void withoutGatesNothingIsAssessedAndNothingEstimated() {
    assertThat(Readiness.verdict(PASSED, List.of())).isEqualTo(ReadinessVerdict.NOT_ASSESSED);
    assertThat(Readiness.estimate(ReadinessVerdict.NOT_ASSESSED, SPEC)).isNull();
  }

  @Test
  void aGateThatNeedsAWaiverMakesItAWarn() {
    assertThat(Readiness.verdict(PASSED, List.of(gate(GateVerdict.PASS), gate(GateVerdict.WARN)))).isEqualTo(ReadinessVerdict.WARN);
    assertThat(Readiness.verdict(PASSED, List.of(gate(GateVerdict.PASS), gate(GateVerdict.INCONCLUSIVE))))
        .as("no samples is never a pass").isEqualTo(ReadinessVerdict.WARN);
  }

  @Test
  void anyFailingGateOutweighsWarnings() {
    assertThat(Readiness.verdict(PASSED, List.of(gate(GateVerdict.WARN), gate(GateVerdict.FAIL)))).isEqualTo(ReadinessVerdict.FAIL);
  }

  @Test
  void allGatesPassingIsAPass() {
    assertThat(Readiness.verdict(PASSED, List.of(gate(GateVerdict.PASS), gate(GateVerdict.PASS)))).isEqualTo(ReadinessVerdict.PASS);
  }

  @Test
  void eachAssessedVerdictHasThePlansEstimate() {
    ReadinessSpec spec = new ReadinessSpec("99%", "90%", "50%");
    assertThat(Readiness.estimate(ReadinessVerdict.PASS, spec)).isEqualTo("99%");
    assertThat(Readiness.estimate(ReadinessVerdict.WARN, spec)).isEqualTo("90%");
    assertThat(Readiness.estimate(ReadinessVerdict.FAIL, spec)).isEqualTo("50%");
  }

  private static StepState step(StepStatus status) {
    return new StepState("migrate", "command", Phase.MIGRATE, status, 1, null, null, null, null, List.of());
  }

  private static GateState gate(GateVerdict verdict) {
    return new GateState("p95", verdict, verdict == GateVerdict.INCONCLUSIVE ? null : 120.0, Map.of("warn", 200.0), null, null);
  }
}
