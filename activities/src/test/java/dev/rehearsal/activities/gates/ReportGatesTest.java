package dev.rehearsal.activities.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.plan.Phase;
import dev.rehearsal.plan.PlanParser;
import dev.rehearsal.plan.ReportGate;
import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.rehearsal.GateVerdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Figures that are no measurement are INCONCLUSIVE with the reason, never a PASS. */
class ReportGatesTest {
  private static final Map<String, ReportGate> GATES = PlanParser.bind(PlanParser.readTree("""
      apiVersion: rehearsal/v1
      name: gated
      environment: staging
      phases:
        smoke:
          - name: tool
            command: { run: ["true"] }
            gates:
              coverage: { stdout: true, pointer: /pct, pass: ">= 65" }
              failures: { junit: junit.xml, figure: failures, pass: 0 }
        signoff: {}
      """), Map.of()).steps(Phase.SMOKE).get(0).gates();

  @Test
  void aFigureTooLargeToHoldAndACountThatIsNoWholeNumberAreInconclusive() {
    byte[] junit = "<testsuite name=\"s\" tests=\"3\" failures=\"1e3\"/>".getBytes(StandardCharsets.UTF_8);

    List<GateState> verdicts = ReportGates.evaluate("tool", GATES, path -> ReportFile.of(junit), "{\"pct\": 1e999}", Map.of());

    assertThat(verdicts).extracting(GateState::verdict).containsOnly(GateVerdict.INCONCLUSIVE);
    assertThat(verdicts.get(0).note()).contains("too large to be a figure");
    assertThat(verdicts.get(1).note()).contains("failures=\"1e3\", not a number");
  }
}
