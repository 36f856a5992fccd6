package dev.rehearsal.testing;

import dev.rehearsal.plan.Plan;
import dev.rehearsal.plan.PlanParser;
import java.util.Map;

/** Plans for tests, written as users write them: YAML, through the same parser and validator as the API. */
public final class Plans {
  private Plans() {}

  public static Plan parse(String yaml, Map<String, String> parameters) {
    return PlanParser.bind(PlanParser.readTree(yaml), parameters);
  }

  public static Plan parse(String yaml) {
    return parse(yaml, Map.of());
  }

  /** Plan shop-staging for staging: {@code phases} (YAML, its first line unindented, the rest as under phases: ) and a sign-off. */
  public static String shopStaging(String phases) {
    return """
        apiVersion: rehearsal/v1
        name: shop-staging
        environment: staging
        phases:
          %s
          signoff: {}
        """.formatted(phases);
  }
}
