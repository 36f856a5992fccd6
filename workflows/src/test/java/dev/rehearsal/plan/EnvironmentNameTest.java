package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile finding 3: the server picks a plan's approval policy by its environment's exact name, so a name is plain
 * ASCII without spaces or trailing punctuation; a name made of run parameters is judged once they are substituted.
 */
class EnvironmentNameTest {
  private static final String PLAN = """
      apiVersion: rehearsal/v1
      name: env
      environment: %s
      phases:
        smoke: [ { name: s, command: { run: ["true"] } } ]
        signoff: {}
      """;

  private static List<PlanProblem> problems(String environment) {
    return PlanParser.problems(PlanParser.readTree(PLAN.formatted(environment)));
  }

  @Test
  void plainAsciiNamesAreEnvironments() {
    for (String name : List.of("staging", "prod", "qa-only", "eu_west.2", "S", "Staging")) {
      assertThat(problems(name)).as(name).isEmpty();
    }
  }

  @Test
  void spacesPunctuationAtTheEndAndLookAlikesAreNot() {
    for (String name : List.of("\"staging \"", "\" staging\"", "staging.", "staging-", "\".staging\"", "\"\u0455taging\"",
        "\"stag ing\"", "\"stag/ing\"", "\"" + "s".repeat(64) + "\"", "\"${env:STAGE}\"")) {
      assertThat(problems(name)).as(name).extracting(PlanProblem::path).containsOnly("environment");
    }
    assertThat(problems("\"staging \"").get(0).message()).isEqualTo("'staging ' is not an environment name: an"
        + " environment name is 1 to 63 ASCII letters, digits, '.', '_' or '-', starting and ending with a letter or digit");
  }

  @Test
  void aNameFromTheParametersIsJudgedOnceTheyAreSubstituted() {
    assertThat(problems("\"${parameters.env}\"")).isEmpty();
    assertThat(problems("\"eu-${parameters.env}\"")).isEmpty();
    assertThat(problems("\"${parameters.env} \"")).extracting(PlanProblem::path).containsExactly("environment");

    String templated = PLAN.formatted("\"${parameters.env}\"");
    assertThat(PlanParser.bind(PlanParser.readTree(templated), Map.of("env", "staging")).environment()).isEqualTo("staging");
    assertThatThrownBy(() -> PlanParser.bind(PlanParser.readTree(templated), Map.of("env", "staging ")))
        .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.problems()).containsExactly(
            new PlanProblem("environment", "is 'staging ' with the run's parameters, which is not an environment name:"
                + " an environment name is 1 to 63 ASCII letters, digits, '.', '_' or '-', starting and ending with a"
                + " letter or digit")));
  }
}
