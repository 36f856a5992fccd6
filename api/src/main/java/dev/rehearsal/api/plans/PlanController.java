package dev.rehearsal.api.plans;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.plan.InvalidPlanException;
import dev.rehearsal.plan.Phase;
import dev.rehearsal.plan.PlanParser;
import dev.rehearsal.plan.PlanProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checks a plan without starting anything (the same checks that guard {@code POST /rehearsals}, and whether the caller
 * may start runs for its environment), and publishes the plan schema editors use for completion.
 */
@RestController
@RequestMapping("/api/v1/plans")
public class PlanController {
  private final ServerPlanChecks serverChecks;
  private final PlanSchema schema;

  public PlanController(ServerPlanChecks serverChecks, PlanSchema schema) {
    this.serverChecks = serverChecks;
    this.schema = schema;
  }

  @GetMapping(value = "/schema", produces = {"application/schema+json", "application/json"})
  public byte[] schema() {
    return schema.json();
  }

  public record Validation(boolean valid, String name, String environment, Map<String, Integer> steps) {}

  @PostMapping(value = "/validate", consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
  public Validation validate(@RequestBody String body, @AuthenticationPrincipal RehearsalUser caller) {
    JsonNode request = PlanParser.readTree(body);
    JsonNode plan = PlanRequests.planOf(request);
    List<PlanProblem> problems = PlanParser.problems(plan);
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    Map<String, String> parameters = PlanRequests.parametersOf(request);
    serverChecks.validate(plan, parameters, caller);
    Map<String, Integer> steps = new LinkedHashMap<>();
    for (Phase phase : Phase.values()) {
      JsonNode list = plan.path("phases").path(phase.key());
      if (list.isArray() && !list.isEmpty()) {
        steps.put(phase.key(), list.size());
      }
    }
    return new Validation(true, plan.get("name").asText(), RunEnvironment.of(plan, parameters), steps);
  }
}
