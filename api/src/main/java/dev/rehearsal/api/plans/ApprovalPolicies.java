package dev.rehearsal.api.plans;

import dev.rehearsal.plan.Durations;
import dev.rehearsal.plan.EnvironmentName;
import dev.rehearsal.workflows.rehearsal.ApprovalPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The server's approval policy, per environment with a default, which plans may only tighten:
 * <pre>
 * rehearsal.policies:
 *   default: { minApprovers: 1, initiatorMayApprove: false }
 *   environments:
 *     staging: { minApprovers: 2, requiredGroups: [dba], maxSignoffTimeout: 72h, starters: [ENGINEER] }
 * </pre>
 * An environment's entry overrides the default key by key; what neither says is the most open value (one approver, no
 * group, no limit on the timeout, every ENGINEER starts) except the initiator, who by default never approves.
 */
@ConfigurationProperties("rehearsal.policies")
public record ApprovalPolicies(@Name("default") Policy fallback, Map<String, Policy> environments) {
  private static final String PREFIX = "rehearsal.policies.";

  public ApprovalPolicies {
    fallback = fallback == null ? Policy.NONE : fallback;
    environments = environments == null ? Map.of() : Map.copyOf(environments);
    fallback.check("default");
    environments.forEach((environment, policy) -> policy.check("environments." + environment));
    checkNames(environments.keySet());
  }

  /** Policies are found by the environment's exact name, so each must be a name a plan can give, spelled one way. */
  private static void checkNames(Set<String> environments) {
    Map<String, String> folded = new TreeMap<>();
    for (String environment : new TreeSet<>(environments)) {
      if (!EnvironmentName.isValid(environment)) {
        throw new IllegalStateException(PREFIX + "environments." + environment + ": " + EnvironmentName.RULE);
      }
      String other = folded.putIfAbsent(environment.toLowerCase(Locale.ROOT), environment);
      if (other != null) {
        throw new IllegalStateException(PREFIX + "environments has both '" + other + "' and '" + environment
            + "', which differ only in case; plans must name an environment one way, so configure it one way");
      }
    }
  }

  /**
   * The configured environment that {@code environment} names ignoring case, when it is not spelled the same: a plan
   * for {@code Staging} would otherwise escape the policy for {@code staging}.
   */
  public Optional<String> spelledOtherwise(String environment) {
    return environments.keySet().stream()
        .filter(configured -> configured.equalsIgnoreCase(environment) && !configured.equals(environment))
        .findFirst();
  }

  /** Whether any environment has a policy of its own (else the default applies to every environment alike). */
  public boolean anyForEnvironments() {
    return !environments.isEmpty();
  }

  /**
   * @param initiatorMayApprove whether a plan may let the person who started a run sign it off (default never)
   * @param minApprovers the fewest distinct people who sign off
   * @param requiredGroups groups each of which must give at least one approval
   * @param maxSignoffTimeout the longest a run may wait for sign-off
   * @param starters roles or groups that may start runs (empty: every ENGINEER)
   */
  public record Policy(Boolean initiatorMayApprove, Integer minApprovers, List<String> requiredGroups,
      String maxSignoffTimeout, List<String> starters) {
    static final Policy NONE = new Policy(null, null, null, null, null);

    private void check(String where) {
      if (minApprovers != null && minApprovers < 1) {
        throw new IllegalStateException(PREFIX + where + ".minApprovers must be at least 1");
      }
      if (maxSignoffTimeout != null && Durations.tryParse(maxSignoffTimeout).isEmpty()) {
        throw new IllegalStateException(PREFIX + where + ".maxSignoffTimeout is not a duration such as 72h or 30m");
      }
    }
  }

  /** The policy in force for {@code environment}, as recorded in a run's history. */
  public ApprovalPolicy inForce(String environment) {
    Policy own = environments.get(environment);
    String source = own == null ? PREFIX + "default" : PREFIX + "environments." + environment + " over " + PREFIX + "default";
    Integer min = pick(environment, Policy::minApprovers);
    return new ApprovalPolicy(source, min == null ? 1 : min, pick(environment, Policy::requiredGroups),
        Boolean.TRUE.equals(pick(environment, Policy::initiatorMayApprove)), pick(environment, Policy::maxSignoffTimeout),
        pick(environment, Policy::starters));
  }

  /** Whether plans for {@code environment} may let the initiator approve. */
  public boolean initiatorMayApprove(String environment) {
    return inForce(environment).initiatorMayApprove();
  }

  /** The property that decides {@code key} (e.g. {@code minApprovers}) for {@code environment}, for error messages. */
  public String keyFor(String environment, String key, Function<Policy, ?> value) {
    Policy own = environments.get(environment);
    return own != null && value.apply(own) != null
        ? PREFIX + "environments." + environment + "." + key
        : PREFIX + "default." + key;
  }

  /** The property that decides whether the initiator may approve, for error messages. */
  public String ruleFor(String environment) {
    return keyFor(environment, "initiatorMayApprove", Policy::initiatorMayApprove);
  }

  private <T> T pick(String environment, Function<Policy, T> value) {
    Policy own = environments.get(environment);
    T mine = own == null ? null : value.apply(own);
    return mine != null ? mine : value.apply(fallback);
  }
}
