package dev.rehearsal.api.plans;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.api.errors.NotAStarter;
import dev.rehearsal.api.security.KnownPeople;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.plan.EnvironmentName;
import dev.rehearsal.plan.InvalidPlanException;
import dev.rehearsal.plan.PlanProblem;
import dev.rehearsal.plan.References;
import dev.rehearsal.workflows.rehearsal.ApprovalPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * What the server adds to a valid plan before it may run, on validate and on start alike: the secrets it may
 * reference, the approval policy it may only tighten, and people who can give what the run will wait for (sign-off
 * rules met together, someone for each manual step), where the users are known. Every problem is named with its path.
 */
@Component
@EnableConfigurationProperties(ApprovalPolicies.class)
public class ServerPlanChecks {
  private final SecretReferenceCheck secrets;
  private final ApprovalPolicies policies;
  private final PolicyPlanCheck policy;
  private final KnownPeople people;
  private final SignoffPeopleCheck signoffPeople = new SignoffPeopleCheck();
  private final ManualStepPeopleCheck manualPeople = new ManualStepPeopleCheck();

  public ServerPlanChecks(SecretReferenceCheck secrets, ApprovalPolicies policies, KnownPeople people) {
    this.secrets = secrets;
    this.policies = policies;
    this.policy = new PolicyPlanCheck(policies);
    this.people = people;
  }

  /**
   * Before a start: whether the caller may start runs is judged apart ({@link #requireStarter}, 403).
   *
   * @param caller who starts: the initiator, whom the approver rules may not count on
   * @throws InvalidPlanException listing every problem, with its path
   */
  public void check(JsonNode plan, Map<String, String> parameters, RehearsalUser caller) {
    throwIfAny(problems(plan, parameters, caller));
  }

  /**
   * On validation, as {@link #check} with the caller as the would-be initiator, and a caller who may not start runs
   * for the plan's environment as one more problem (at {@code environment}), so a lint says so before a real start.
   * {@code parameters} are those a start request body gives; an environment that needs one not given cannot be judged
   * where environments have policies of their own, and is a problem.
   *
   * @throws InvalidPlanException listing every problem, with its path
   */
  public void validate(JsonNode plan, Map<String, String> parameters, RehearsalUser caller) {
    String environment = RunEnvironment.of(plan, parameters);
    Set<String> missing = References.parameterNames(environment);
    if (!missing.isEmpty() && policies.anyForEnvironments()) {
      throw new InvalidPlanException(List.of(new PlanProblem("environment", "comes from parameter(s) " + missing
          + ", and the approval policy depends on the environment: validate a start request body that gives them"
          + " ({\"plan\": ..., \"parameters\": {...}}), as the start will judge the plan for the environment they name")));
    }
    EnvironmentName.problemOfResolved(environment).filter(why -> missing.isEmpty()).ifPresent(why -> {
      throw new InvalidPlanException(List.of(new PlanProblem("environment", why)));
    });
    List<PlanProblem> problems = new ArrayList<>();
    starterRefusal(caller, environment).ifPresent(why -> problems.add(new PlanProblem("environment", why)));
    problems.addAll(problems(plan, parameters, caller));
    throwIfAny(problems);
  }

  /** The approval policy in force for {@code environment}, recorded in the run's history at start. */
  public ApprovalPolicy policyFor(String environment) {
    return policies.inForce(environment);
  }

  /** @throws NotAStarter when the policy names who may start runs for {@code environment} and the caller is not one */
  public void requireStarter(RehearsalUser caller, String environment) {
    starterRefusal(caller, environment).ifPresent(why -> {
      throw new NotAStarter(why);
    });
  }

  private Optional<String> starterRefusal(RehearsalUser caller, String environment) {
    List<String> starters = policies.inForce(environment).starters();
    if (starters.isEmpty() || starters.stream().anyMatch(caller::holds)) {
      return Optional.empty();
    }
    return Optional.of(caller.name() + " may not start runs for environment " + environment + ": the approval policy"
        + " lets only " + starters + " start them (" + policies.keyFor(environment, "starters", ApprovalPolicies.Policy::starters)
        + "), and " + caller.name() + " holds roles " + caller.roleNames() + " and groups " + caller.groups());
  }

  /** Judged for the environment the run will have: with the parameters substituted, and spelled as configured. */
  private List<PlanProblem> problems(JsonNode written, Map<String, String> parameters, RehearsalUser caller) {
    JsonNode plan = RunEnvironment.resolve(written, parameters);
    String environment = plan.path("environment").asText();
    Optional<String> configured = policies.spelledOtherwise(environment);
    if (configured.isPresent()) {
      return List.of(new PlanProblem("environment", "'" + environment + "' is environment '" + configured.get()
          + "' spelled another way: write it as '" + configured.get() + "'. Environments are compared exactly, and"
          + " the approval policy for '" + configured.get() + "' (rehearsal.policies.environments." + configured.get()
          + ") applies to that spelling only"));
    }
    List<PlanProblem> problems = new ArrayList<>(secrets.problems(plan, parameters));
    List<PlanProblem> weaker = policy.problems(plan);
    problems.addAll(weaker);
    Optional<List<RehearsalUser>> everyone = people.everyone();
    if (everyone.isPresent()) {
      // The rules in force are only known once the plan stands on the policy.
      if (weaker.isEmpty()) {
        ApprovalPolicy inForce = policyFor(plan.path("environment").asText());
        problems.addAll(signoffPeople.problems(plan, inForce, caller, everyone.get()));
      }
      problems.addAll(manualPeople.problems(plan, caller, everyone.get()));
    }
    return problems;
  }

  private static void throwIfAny(List<PlanProblem> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
  }
}
