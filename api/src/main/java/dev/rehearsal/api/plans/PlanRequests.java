package dev.rehearsal.api.plans;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.plan.PlanParser;

/** Request bodies that carry a plan: as a mapping, or as YAML text inside a JSON string. */
public final class PlanRequests {
  private PlanRequests() {}

  /** The plan tree in {@code node}: a mapping as is, or a string parsed as YAML. */
  public static JsonNode planTree(JsonNode node) {
    return node != null && node.isTextual() ? PlanParser.readTree(node.asText()) : node;
  }

  /** A bare plan, or the {@code plan} of a start request, so the same body can be validated and then started. */
  public static JsonNode planOf(JsonNode body) {
    return body.has("plan") && !body.has("apiVersion") ? planTree(body.get("plan")) : body;
  }
}
