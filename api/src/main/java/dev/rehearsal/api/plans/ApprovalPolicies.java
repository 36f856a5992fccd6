package dev.rehearsal.api.plans;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The server's approval policy, per environment with a default, which plans may only tighten:
 * <pre>
 * rehearsal.policies:
 *   default: { initiatorMayApprove: false }
 *   environments: { sandbox: { initiatorMayApprove: true } }
 * </pre>
 * So far it rules on the initiator only: by default nobody signs off a run they started, whatever the plan says.
 */
@ConfigurationProperties("rehearsal.policies")
public record ApprovalPolicies(@Name("default") Policy fallback, Map<String, Policy> environments) {
  public ApprovalPolicies {
    fallback = fallback == null ? new Policy(null) : fallback;
    environments = environments == null ? Map.of() : Map.copyOf(environments);
  }

  /** @param initiatorMayApprove whether a plan may let the person who started a run sign it off (default never) */
  public record Policy(Boolean initiatorMayApprove) {}

  /** Whether plans for {@code environment} may let the initiator approve. */
  public boolean initiatorMayApprove(String environment) {
    Policy policy = environments.get(environment);
    Boolean allowed = policy != null && policy.initiatorMayApprove() != null ? policy.initiatorMayApprove() : fallback.initiatorMayApprove();
    return Boolean.TRUE.equals(allowed);
  }

  /** The property that decides for {@code environment}, for error messages. */
  public String ruleFor(String environment) {
    Policy policy = environments.get(environment);
    return policy != null && policy.initiatorMayApprove() != null
        ? "rehearsal.policies.environments." + environment + ".initiatorMayApprove"
        : "rehearsal.policies.default.initiatorMayApprove";
  }
}
