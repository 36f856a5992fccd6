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
import org.springframework.stereotype.Component;

/**
 * Checks a plan without starting anything: the plan's own rules, then the server's ({@link ServerPlanChecks#validate}),
 * for {@code POST /api/v1/plans/validate} and the console's start page alike.
 */
@Component
public class PlanValidation {
  private final ServerPlanChecks serverChecks;

  public PlanValidation(ServerPlanChecks serverChecks) {
    this.serverChecks = serverChecks;
  }

  /** A valid plan's name, environment and number of steps per phase (phases without steps left out). */
  public record Validation(boolean valid, String name, String environment, Map<String, Integer> steps) {}

  /**
   * @param body a plan (YAML or JSON), or a start request carrying one
   * @param caller who would start it
   * @throws InvalidPlanException listing every problem, with its path
   */
  public Validation validate(String body, RehearsalUser caller) {
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
