package dev.rehearsal.api.errors;

/** The caller was refused too often on this run lately; nothing of this attempt is recorded. */
public final class TooManyRefusals extends RehearsalException {
  private final long retryAfterSeconds;

  public TooManyRefusals(int perMinute, long retryAfterSeconds) {
    super("you were refused " + perMinute + " times on this run within a minute; try again in " + retryAfterSeconds
        + " s (nothing of this attempt was recorded)");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
