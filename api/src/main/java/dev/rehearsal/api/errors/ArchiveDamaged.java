package dev.rehearsal.api.errors;

/** The run's archived state no longer reads: someone or something changed the archive. */
public final class ArchiveDamaged extends RehearsalException {
  public ArchiveDamaged(String id, Throwable cause) {
    super("the archived state of " + id + " cannot be read; GET /api/v1/audit/verify says what changed");
    initCause(cause);
  }
}
