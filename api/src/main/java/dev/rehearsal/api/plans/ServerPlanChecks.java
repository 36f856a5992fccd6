package dev.rehearsal.api.plans;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.plan.InvalidPlanException;
import dev.rehearsal.api.errors.NotAStarter;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.api.security.TokenRegistry;
import dev.rehearsal.plan.PlanProblem;
import dev.rehearsal.workflows.rehearsal.ApprovalPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * What the server adds to a valid plan before it may run, on validate and on start alike: the secrets it may
 * reference and the approval policy it may only tighten (with approver rules the configured users can meet). Every
 * problem is named with its path.
 */
@Component
@EnableConfigurationProperties(ApprovalPolicies.class)
public class ServerPlanChecks {
  private final SecretReferenceCheck secrets;
  private final ApprovalPolicies policies;
  private final PolicyPlanCheck policy;
  private final TokenRegistry users;

  public ServerPlanChecks(SecretReferenceCheck secrets, ApprovalPolicies policies, TokenRegistry users) {
    this.secrets = secrets;
    this.policies = policies;
    this.policy = new PolicyPlanCheck(policies);
    this.users = users;
  }

  /**
   * @param caller who validates or starts: the initiator, whom the approver rules may not count on
   * @throws InvalidPlanException listing every problem, with its path
   */
  public void check(JsonNode plan, Map<String, String> parameters, RehearsalUser caller) {
    List<PlanProblem> problems = new ArrayList<>(secrets.problems(plan, parameters));
    problems.addAll(policy.problems(plan, caller, users.users()));
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
  }

  /** The approval policy in force for {@code environment}, recorded in the run's history at start. */
  public ApprovalPolicy policyFor(String environment) {
    return policies.inForce(environment);
  }

  /** @throws NotAStarter when the policy names who may start runs for {@code environment} and the caller is not one */
  public void requireStarter(RehearsalUser caller, String environment) {
    List<String> starters = policies.inForce(environment).starters();
    if (!starters.isEmpty() && starters.stream().noneMatch(caller::holds)) {
      throw new NotAStarter(caller.name() + " may not start runs for environment " + environment + ": the approval policy"
          + " lets only " + starters + " start them (" + policies.keyFor(environment, "starters", ApprovalPolicies.Policy::starters)
          + "), and " + caller.name() + " holds roles " + caller.roleNames() + " and groups " + caller.groups());
    }
  }
}
