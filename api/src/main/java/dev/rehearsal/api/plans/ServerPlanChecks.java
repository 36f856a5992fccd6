package dev.rehearsal.api.plans;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.plan.InvalidPlanException;
import dev.rehearsal.plan.PlanProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * What the server adds to a valid plan before it may run, on validate and on start alike: the secrets it may
 * reference and the approval policy it may only tighten. Every problem is named with its path.
 */
@Component
@EnableConfigurationProperties(ApprovalPolicies.class)
public class ServerPlanChecks {
  private final SecretReferenceCheck secrets;
  private final ApprovalPolicies policies;

  public ServerPlanChecks(SecretReferenceCheck secrets, ApprovalPolicies policies) {
    this.secrets = secrets;
    this.policies = policies;
  }

  /** @throws InvalidPlanException listing every problem, with its path */
  public void check(JsonNode plan, Map<String, String> parameters) {
    List<PlanProblem> problems = new ArrayList<>(secrets.problems(plan, parameters));
    String environment = plan.path("environment").asText();
    if (plan.at("/phases/signoff/allowInitiator").asBoolean(false) && !policies.initiatorMayApprove(environment)) {
      problems.add(new PlanProblem("phases.signoff.allowInitiator", "the approval policy for environment " + environment
          + " never lets the initiator sign off (" + policies.ruleFor(environment) + "); a plan may only tighten it"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
  }
}
