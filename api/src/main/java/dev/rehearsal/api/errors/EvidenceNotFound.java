package dev.rehearsal.api.errors;

/** The run has no evidence file by that name. */
public final class EvidenceNotFound extends RehearsalException {
  public EvidenceNotFound(String runId, String name) {
    super("no evidence " + name + " in rehearsal " + runId);
  }
}
