package dev.rehearsal.workflows.rehearsal;

import java.util.List;
import java.util.Map;

/**
 * A sign-off decision. {@code actor}, {@code roles} and {@code groups} come from the authenticated caller, never from
 * a request body ({@code groups} is empty in decisions recorded before users had groups).
 */
public record ApprovalRequest(
    String actor,
    List<String> roles,
    Decision decision,
    String comment,
    Map<String, String> waivers,
    String evidenceDigest,
    List<String> groups) {

  public ApprovalRequest {
    roles = roles == null ? List.of() : List.copyOf(roles);
    waivers = waivers == null ? Map.of() : Map.copyOf(waivers);
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  public ApprovalRequest(
      String actor, List<String> roles, Decision decision, String comment, Map<String, String> waivers, String evidenceDigest) {
    this(actor, roles, decision, comment, waivers, evidenceDigest, null);
  }
}
