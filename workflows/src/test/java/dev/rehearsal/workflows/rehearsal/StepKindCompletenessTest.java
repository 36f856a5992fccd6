package dev.rehearsal.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.rehearsal.plan.PlanParser;
import dev.rehearsal.plan.PlanProblem;
import dev.rehearsal.plan.PlanSchemaFile;
import dev.rehearsal.plan.PlanValidator;
import dev.rehearsal.plan.StepKind;
import dev.rehearsal.plan.StepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A step kind is complete when StepSpec binds it and it has validation rules, a runner, a section in docs/plans.md and a shape in
 * docs/plan.schema.json. The rules and the runner are exhaustive switches (a kind without them does not compile);
 * this test catches the rest, and rules that let anything through.
 */
class StepKindCompletenessTest {
  /** Relative to the module directory, where Maven runs the tests. */
  private static final Path PLANS_DOC = Path.of("..", "docs", "plans.md");
  /** The keys Jackson binds on a step, renamed components (postgres.snapshot) included. */
  private static final Set<String> STEP_SPEC_KEYS = new ObjectMapper().getDeserializationConfig()
      .introspect(TypeFactory.defaultInstance().constructType(StepSpec.class)).findProperties().stream()
      .map(BeanPropertyDefinition::getName).collect(Collectors.toSet());

  @Test
  void everyStepKindHasRulesARunnerDocumentationAndASchemaEntry() throws IOException {
    String doc = Files.readString(PLANS_DOC);
    Map<String, List<String>> missing = new TreeMap<>();
    for (StepKind kind : StepKind.values()) {
      List<String> lacks = new ArrayList<>();
      if (!rulesRefuseANonObject(kind)) {
        lacks.add("validation rules (a number in place of the kind's fields went unreported)");
      }
      if (!STEP_SPEC_KEYS.contains(kind.key())) {
        lacks.add("a component of StepSpec bound to its key (else a plan's step of this kind binds to nothing)");
      }
      if (StepRunners.forKind(kind) == null) {
        lacks.add("a runner in StepRunners");
      }
      if (!doc.contains("\n### `" + kind.key() + "`\n")) {
        lacks.add("a '### `" + kind.key() + "`' section under 'Step kinds' in docs/plans.md");
      }
      if (!PlanSchemaFile.stepShapeKinds().contains(kind.key()) || !PlanSchemaFile.stepProperties().contains(kind.key())) {
        lacks.add("a step property and oneOf shape in docs/plan.schema.json");
      }
      if (!lacks.isEmpty()) {
        missing.put(kind.key(), lacks);
      }
    }

    assertThat(missing).as("step kinds lacking parts").isEmpty();
  }

  @Test
  void aRerunNeverReachesARunner() {
    StepRunners.StepRunner rerun = StepRunners.forKind(StepKind.RERUN);

    assertThatThrownBy(() -> rerun.run(new StepRun("again", null, null, null, 0, null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("again");
  }

  @Test
  void aStepWhoseKindStepSpecDoesNotBindFailsNamingItInsteadOfBecomingARerun() {
    StepSpec unbound = new StepSpec("kafka-publish", null, null, null, null, null, null, null, null);

    assertThatThrownBy(unbound::kind).isInstanceOf(IllegalStateException.class).hasMessageContaining("kafka-publish");
    assertThatThrownBy(unbound::ownTimeout).isInstanceOf(IllegalStateException.class);
  }

  /** The kind's own rules report a problem at its key when its value is a number. */
  private static boolean rulesRefuseANonObject(StepKind kind) {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree("""
        apiVersion: rehearsal/v1
        name: kinds
        environment: staging
        phases:
          deploy:
            - { name: s, "%s": 42 }
          signoff: { approvers: { role: APPROVER, required: 1 } }
        """.formatted(kind.key())), Optional.empty());
    String path = "phases.deploy[0]." + kind.key();
    return problems.stream().anyMatch(p -> p.path().equals(path) || p.path().startsWith(path + "."));
  }
}
