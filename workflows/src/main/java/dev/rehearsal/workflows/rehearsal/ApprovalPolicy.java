package dev.rehearsal.workflows.rehearsal;

import java.util.List;

/**
 * The server's approval policy in force for a run's environment, recorded in its input at start so auditors see what
 * applied. {@code source} names the configuration it came from; {@code maxSignoffTimeout} is null when unlimited.
 *
 * @param starters roles or groups that may start runs for the environment; empty means every ENGINEER
 */
public record ApprovalPolicy(
    String source,
    int minApprovers,
    List<String> requiredGroups,
    boolean initiatorMayApprove,
    String maxSignoffTimeout,
    List<String> starters) {

  public ApprovalPolicy {
    requiredGroups = requiredGroups == null ? List.of() : List.copyOf(requiredGroups);
    starters = starters == null ? List.of() : List.copyOf(starters);
  }
}
