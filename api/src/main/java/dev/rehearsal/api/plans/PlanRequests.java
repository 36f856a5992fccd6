package dev.rehearsal.api.plans;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.plan.PlanParser;
import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies that carry a plan: as a mapping, or as YAML text inside a JSON string. */
public final class PlanRequests {
  private PlanRequests() {}

  /** The plan tree in {@code node}: a mapping as is, or a string parsed as YAML. */
  public static JsonNode planTree(JsonNode node) {
    return node != null && node.isTextual() ? PlanParser.readTree(node.asText()) : node;
  }

  /** A bare plan, or the {@code plan} of a start request, so the same body can be validated and then started. */
  public static JsonNode planOf(JsonNode body) {
    return isStartRequest(body) ? planTree(body.get("plan")) : body;
  }

  /**
   * The run parameters a start request gives, with {@code releaseCandidate} as a start adds it; none for a bare plan.
   * Values that are no parameter (a list, null) are left out: the start itself refuses them.
   */
  public static Map<String, String> parametersOf(JsonNode body) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (isStartRequest(body)) {
      body.path("parameters").fields().forEachRemaining(e -> {
        if (e.getValue().isValueNode() && !e.getValue().isNull()) {
          parameters.put(e.getKey(), e.getValue().asText());
        }
      });
      if (body.path("releaseCandidate").isTextual()) {
        parameters.put("releaseCandidate", body.get("releaseCandidate").asText());
      }
    }
    return parameters;
  }

  private static boolean isStartRequest(JsonNode body) {
    return body.has("plan") && !body.has("apiVersion");
  }
}
