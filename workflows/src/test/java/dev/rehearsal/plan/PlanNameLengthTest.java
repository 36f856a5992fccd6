package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan's name becomes a search attribute: one longer than a visibility store keeps is refused with its limit. */
class PlanNameLengthTest {
  private static final String PLAN = """
      apiVersion: rehearsal/v1
      name: %s
      environment: staging
      phases:
        smoke: [ { name: s, command: { run: ["true"] } } ]
        signoff: {}
      """;

  private static List<PlanProblem> problems(String name) {
    return PlanParser.problems(PlanParser.readTree(PLAN.formatted(name)));
  }

  @Test
  void anOverLongNameIsRefusedSayingTheLimit() {
    assertThat(problems("p".repeat(256))).containsExactly(new PlanProblem("name", "must be at most 255 characters"));
    assertThat(problems("p".repeat(255))).isEmpty();
  }
}
