package dev.rehearsal.api.plans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.plan.References;
import java.util.Map;

/**
 * The environment a run of a plan will have: {@code environment: ${parameters.env}} is the environment the run's
 * parameters name, and policies, secrets and starters are judged for that one, never for the text as written.
 */
final class RunEnvironment {
  private RunEnvironment() {}

  static String of(JsonNode plan, Map<String, String> parameters) {
    return References.substituteParameters(plan.path("environment").asText(), parameters);
  }

  /** The plan with its environment as the run will have it (the plan itself is left as it is). */
  static JsonNode resolve(JsonNode plan, Map<String, String> parameters) {
    String environment = of(plan, parameters);
    if (!(plan instanceof ObjectNode object) || environment.equals(plan.path("environment").asText())) {
      return plan;
    }
    ObjectNode copy = object.deepCopy();
    copy.put("environment", environment);
    return copy;
  }
}
