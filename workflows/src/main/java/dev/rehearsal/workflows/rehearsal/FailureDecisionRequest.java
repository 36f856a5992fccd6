package dev.rehearsal.workflows.rehearsal;

import java.util.List;

/**
 * A decision on a failed step that waits for one. {@code actor} and {@code roles} come from the authenticated caller,
 * never from a request body.
 */
public record FailureDecisionRequest(String actor, List<String> roles, String step, FailureAction action, String reason) {
  public FailureDecisionRequest {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
