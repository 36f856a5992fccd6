package dev.rehearsal.api.rehearsals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.api.plans.PlanRequests;
import dev.rehearsal.plan.InvalidPlanException;
import dev.rehearsal.plan.LoneSurrogates;
import dev.rehearsal.plan.PlanParser;
import dev.rehearsal.plan.PlanProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code {"plan": {...} or "yaml text", "releaseCandidate": "v1.2.3", "parameters": {...}}}, from JSON or YAML. Any
 * other key is refused rather than ignored: a caller who sends {@code initiator} or {@code policy} should learn that
 * the body cannot say such things (identity comes from the token, policy from the server).
 */
record StartRequest(JsonNode plan, String releaseCandidate, Map<String, String> parameters) {
  static final int MAX_RELEASE_CANDIDATE = 255;
  private static final Set<String> KEYS = Set.of("plan", "releaseCandidate", "parameters");

  static StartRequest parse(String body) {
    JsonNode root = PlanParser.readTree(body);
    List<PlanProblem> problems = new ArrayList<>();
    if (!root.isObject() || !root.has("plan")) {
      problems.add(new PlanProblem("plan", "is required: the plan to run, as a mapping or as YAML text"));
    }
    root.fieldNames().forEachRemaining(key -> {
      if (!KEYS.contains(key)) {
        problems.add(new PlanProblem(LoneSurrogates.escaped(key.length() > 100 ? key.substring(0, 100) + "…" : key),
            "unknown key; a start request has plan, releaseCandidate and parameters"));
      }
    });
    JsonNode rc = root.path("releaseCandidate");
    if (!rc.isTextual() || rc.asText().isBlank()) {
      problems.add(new PlanProblem("releaseCandidate", "is required: the release candidate to rehearse, e.g. v1.2.3"));
    } else if (rc.asText().length() > MAX_RELEASE_CANDIDATE) {
      // It becomes a Keyword search attribute; visibility stores refuse longer ones (a SQL store's column is 255).
      problems.add(new PlanProblem("releaseCandidate", "must be at most " + MAX_RELEASE_CANDIDATE + " characters"));
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    JsonNode given = root.path("parameters");
    if (!given.isMissingNode() && !given.isObject()) {
      problems.add(new PlanProblem("parameters", "must be a mapping of names to values"));
    }
    given.fields().forEachRemaining(e -> {
      if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        parameters.put(e.getKey(), e.getValue().asText());
      } else {
        problems.add(new PlanProblem("parameters." + e.getKey(), "must be a string, number or boolean"));
      }
    });
    if (rc.isTextual() && LoneSurrogates.in(rc.asText())) {
      problems.add(LoneSurrogates.problem("releaseCandidate", "string"));
    }
    problems.addAll(LoneSurrogates.problems(parameters, "parameters"));
    if (!problems.isEmpty()) {
      // The plan is validated only once the request is sound; its invalid text is named in this answer already.
      problems.addAll(LoneSurrogates.problems(root.path("plan").isObject() ? root.get("plan") : null, ""));
      throw new InvalidPlanException(problems);
    }
    parameters.put("releaseCandidate", rc.asText());
    return new StartRequest(PlanRequests.planTree(root.get("plan")), rc.asText(), Map.copyOf(parameters));
  }
}
