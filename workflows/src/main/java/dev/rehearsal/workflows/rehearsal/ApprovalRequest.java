package dev.rehearsal.workflows.rehearsal;

import java.util.List;
import java.util.Map;

/**
 * A sign-off decision. {@code actor} and {@code roles} come from the authenticated caller, never from a request body.
 */
public record ApprovalRequest(
    String actor,
    List<String> roles,
    Decision decision,
    String comment,
    Map<String, String> waivers,
    String evidenceDigest) {

  public ApprovalRequest {
    roles = roles == null ? List.of() : List.copyOf(roles);
    waivers = waivers == null ? Map.of() : Map.copyOf(waivers);
  }
}
