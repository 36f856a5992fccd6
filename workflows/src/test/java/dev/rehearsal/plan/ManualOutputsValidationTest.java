package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A manual step hands on five outputs without declaring them; later steps may name those, and nothing else. */
class ManualOutputsValidationTest {
  private static final String PLAN = """
      apiVersion: rehearsal/v1
      name: people
      environment: staging
      phases:
      """;

  @Test
  void laterStepsMayReferToEveryOutputAManualStepHandsOn() {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree(PLAN + """
          smoke:
            - { name: check, manual: { instructions: "Look." } }
            - name: tell
              command:
                run: [echo, "${steps.check.outputs.outcome}", "${steps.check.outputs.completedBy}",
                  "${steps.check.outputs.completedAt}", "${steps.check.outputs.attachments}"]
                env: { NOTE: "${steps.check.outputs.note}" }
            - { name: again, manual: { instructions: "Check what ${steps.check.outputs.completedBy} wrote" } }
          rollback:
            - { name: undo, command: { run: [echo, "${steps.check.outputs.note}"] } }
          signoff: {}
        """), Optional.empty());

    assertThat(problems).isEmpty();
  }

  @Test
  void anOutputAManualStepDoesNotHandOnOrOneItDeclaresIsRefusedWithItsPath() {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree(PLAN + """
          smoke:
            - { name: declares, manual: { instructions: "Look." }, outputs: { mood: { regex: "(x)" } } }
            - { name: check, manual: { instructions: "Look." } }
            - { name: tell, command: { run: [echo, "${steps.check.outputs.mood}"] } }
            - { name: early, command: { run: [echo, "${steps.later.outputs.note}"] } }
            - { name: later, manual: { instructions: "Look again." } }
          signoff: {}
        """), Optional.empty());

    assertThat(problems).extracting(PlanProblem::path)
        .contains("phases.smoke[0].outputs", "phases.smoke[2].command.run[1]", "phases.smoke[3].command.run[1]");
    assertThat(problems).filteredOn(p -> p.path().equals("phases.smoke[0].outputs")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("outcome, note, completedBy, completedAt, attachments"));
    assertThat(problems).filteredOn(p -> p.path().equals("phases.smoke[2].command.run[1]")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("declares no output 'mood'").contains("note"));
    assertThat(problems).filteredOn(p -> p.path().equals("phases.smoke[3].command.run[1]")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("runs later"));
  }
}
