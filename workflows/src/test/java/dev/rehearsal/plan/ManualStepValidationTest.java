package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The issue's {@code manual} step binds with its defaults, writes back as written, and every misuse has its path. */
class ManualStepValidationTest {
  private static final String PLAN = """
      apiVersion: rehearsal/v1
      name: people
      environment: staging
      """;

  @Test
  void theIssuesSyntaxBindsWithDefaultsForWhatIsLeftOut() throws Exception {
    Plan plan = PlanParser.bind(PlanParser.readTree(PLAN + """
        phases:
          smoke:
            - name: dashboards-reviewed
              manual:
                instructions: "Open the queue-depth and failed-jobs dashboard for staging; attach a screenshot."
                by: { role: APPROVER }
                requires: { note: true, attachment: true }
                timeout: 24h
                onTimeout: fail
            - { name: dba-check, manual: { instructions: "Backout plan documented?", items: [a, b], by: { group: dba },
                onTimeout: skip, initiatorMayComplete: false } }
            - { name: plain, manual: { instructions: "Look." } }
          signoff: {}
        """), Map.of());

    ManualSpec first = plan.steps(Phase.SMOKE).get(0).body(ManualSpec.class);
    assertThat(first.byOrDefault().who()).isEqualTo("APPROVER");
    assertThat(first.requiresOrDefault().needsAttachment()).isTrue();
    assertThat(first.waitDuration()).hasHours(24);
    ManualSpec second = plan.steps(Phase.SMOKE).get(1).body(ManualSpec.class);
    assertThat(second.byOrDefault().who()).isEqualTo("group:dba");
    assertThat(second.byOrDefault().admits(List.of("APPROVER"), List.of("dba"))).isTrue();
    assertThat(second.byOrDefault().admits(List.of("APPROVER"), List.of("qa"))).isFalse();
    assertThat(second.onTimeoutOrDefault()).isEqualTo(ManualSpec.OnTimeout.skip);
    assertThat(second.initiatorMayCompleteOrDefault()).isFalse();
    ManualSpec plain = plan.steps(Phase.SMOKE).get(2).body(ManualSpec.class);
    assertThat(plain.byOrDefault().who()).isEqualTo("ENGINEER");
    assertThat(plain.requiresOrDefault().needsNote()).isFalse();
    assertThat(plain.onTimeoutOrDefault()).isEqualTo(ManualSpec.OnTimeout.fail);
    assertThat(plain.initiatorMayCompleteOrDefault()).isTrue();
    assertThat(plain.waitDuration()).hasHours(24);
    assertThat(new ObjectMapper().writeValueAsString(plain)).as("defaults are not written back")
        .isEqualTo("{\"instructions\":\"Look.\"}");
  }

  @Test
  void everyMisuseIsRefusedWithItsPathInOneAnswer() {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree(PLAN + """
        phases:
          smoke:
            - { name: a, manual: "look" }
            - { name: b, manual: { items: [""], by: { role: APPROVER, group: dba }, requires: { note: "yes", photo: true },
                timeout: soon, onTimeout: ignore, initiatorMayComplete: 1, color: red } }
            - { name: c, manual: { instructions: "x", by: { role: ADMIN } } }
            - { name: d, manual: { instructions: "x", by: { group: "../dba" }, timeout: 10ms } }
            - { name: e, manual: { instructions: "x", by: {} } }
          signoff: {}
        """), java.util.Optional.empty());

    assertThat(problems).extracting(PlanProblem::path).contains(
        "phases.smoke[0].manual",
        "phases.smoke[1].manual.instructions",
        "phases.smoke[1].manual.items[0]",
        "phases.smoke[1].manual.by",
        "phases.smoke[1].manual.requires.note",
        "phases.smoke[1].manual.requires.photo",
        "phases.smoke[1].manual.timeout",
        "phases.smoke[1].manual.onTimeout",
        "phases.smoke[1].manual.initiatorMayComplete",
        "phases.smoke[1].manual.color",
        "phases.smoke[2].manual.by.role",
        "phases.smoke[3].manual.by.group",
        "phases.smoke[3].manual.timeout",
        "phases.smoke[4].manual.by");
  }
}
