package dev.rehearsal.api.errors;

/**
 * What the API's services refuse or fail at, in the domain's terms; its message is the detail for people. Only
 * {@code api.problems.ApiExceptionHandler} turns these into HTTP answers, and a test there covers every permitted
 * subclass, so a new one cannot go unmapped (it would answer 500).
 */
public abstract sealed class RehearsalException extends RuntimeException
    permits ArchiveDamaged, AttachmentTooLarge, DecisionRefused, EvidenceNotFound, IdempotencyKeyReused, InvalidRequest, MissingRole,
    NoWorkerAnswered, NotAStarter, NothingToCancel, RunNotFound, StepNotFound, TooManyRefusals {

  protected RehearsalException(String detail) {
    super(detail);
  }
}
