package dev.rehearsal.api.errors;

/** A start repeats an idempotency key with a different plan, release candidate or parameters: nothing is started. */
public final class IdempotencyKeyReused extends RehearsalException {
  public IdempotencyKeyReused(String key, String plan, String releaseCandidate) {
    super("idempotency key " + key + " was used for a different request (plan " + plan + ", rc " + releaseCandidate
        + "); use a new key for a new run");
  }
}
