package dev.rehearsal.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.rehearsal.plan.PlanParser;
import dev.rehearsal.plan.PlanProblem;
import dev.rehearsal.plan.PlanSchemaFile;
import dev.rehearsal.plan.PlanValidator;
import dev.rehearsal.plan.RerunSpec;
import dev.rehearsal.plan.StepKind;
import dev.rehearsal.plan.StepSpec;
import dev.rehearsal.workflows.steps.StepRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A step kind is complete when it is registered in {@link StepKind} with its record (which runs it: a record without
 * {@code execute} does not compile) and validation rules that catch a wrong shape, and has a section in docs/plans.md
 * and a shape in docs/plan.schema.json. This test catches what the compiler cannot.
 */
class StepKindCompletenessTest {
  /** Relative to the module directory, where Maven runs the tests. */
  private static final Path PLANS_DOC = Path.of("..", "docs", "plans.md");

  @Test
  void everyStepKindHasRulesDocumentationAndASchemaEntry() throws IOException {
    String doc = Files.readString(PLANS_DOC);
    Map<String, List<String>> missing = new TreeMap<>();
    for (StepKind kind : StepKind.values()) {
      List<String> lacks = new ArrayList<>();
      if (!rulesRefuseANonObject(kind)) {
        lacks.add("validation rules (a number in place of the kind's fields went unreported)");
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
  void eachKindsRecordIsRegisteredUnderItsOwnKey() {
    for (StepKind kind : StepKind.values()) {
      assertThat(StepKind.fromKey(kind.key())).contains(kind);
      assertThat(java.util.Arrays.stream(StepKind.values()).filter(k -> k.type() == kind.type())).hasSize(1);
    }
  }

  @Test
  void aRerunNeverRunsItself() {
    RerunSpec rerun = new RerunSpec("smoke");

    assertThatThrownBy(() -> rerun.execute(new StepRun("again", null, null, null, 0, null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("again");
  }

  @Test
  void aStepWhoseKindIsNotRegisteredIsRefusedNamingItInsteadOfBecomingARerun() {
    String json = "{\"name\":\"kafka-publish\",\"kafka\":{\"topic\":\"orders\"}}";

    assertThatThrownBy(() -> new ObjectMapper().readValue(json, StepSpec.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("kafka-publish");
    assertThatThrownBy(() -> new StepSpec("kafka-publish", null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("kafka-publish");
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
