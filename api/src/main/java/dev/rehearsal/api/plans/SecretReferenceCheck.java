package dev.rehearsal.api.plans;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.activities.secrets.SecretAllowList;
import dev.rehearsal.plan.PlanProblem;
import dev.rehearsal.plan.References;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.springframework.stereotype.Component;

/**
 * Refuses a plan that references a secret the server does not allow for the plan's environment
 * ({@code rehearsal.secrets.allowed}) or one of the worker's own (its configuration, its data), naming every offending
 * path, before anything starts.
 */
@Component
public class SecretReferenceCheck {
  private final SecretAllowList allowList;

  public SecretReferenceCheck(SecretAllowList allowList) {
    this.allowList = allowList;
  }

  /**
   * Judges each string as the run will see it, with {@code parameters} substituted: a parameter may carry a
   * reference, or complete one. A problem for each string that references a secret not allowed.
   */
  public List<PlanProblem> problems(JsonNode plan, Map<String, String> parameters) {
    String environment = plan.path("environment").asText();
    List<PlanProblem> problems = new ArrayList<>();
    walk(plan, "", environment, parameters, problems);
    return problems;
  }

  private void walk(JsonNode node, String path, String environment, Map<String, String> parameters, List<PlanProblem> problems) {
    if (node.isTextual()) {
      Matcher m = References.ANY.matcher(References.substituteParameters(node.asText(), parameters));
      while (m.find()) {
        if (References.isSecret(m.group(1))) {
          allowList.refusal(environment, m.group(1)).ifPresent(why -> problems.add(new PlanProblem(path, why)));
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", environment, parameters, problems);
      }
    } else if (node.isObject()) {
      node.fields().forEachRemaining(e ->
          walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), environment, parameters, problems));
    }
  }
}
