package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.workflows.steps.EvidenceRef;
import java.util.List;

/**
 * A person completing a manual step. {@code actor}, {@code roles} and {@code groups} come from the authenticated
 * caller, never from a request body; {@code attachments} are already in the evidence store (only their name, size and
 * sha256 travel through history).
 */
public record ManualCompletion(
    String actor,
    List<String> roles,
    List<String> groups,
    String step,
    CompletionOutcome outcome,
    String note,
    List<EvidenceRef> attachments) {

  public ManualCompletion {
    roles = roles == null ? List.of() : List.copyOf(roles);
    groups = groups == null ? List.of() : List.copyOf(groups);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  boolean hasNote() {
    return note != null && !note.isBlank();
  }
}
