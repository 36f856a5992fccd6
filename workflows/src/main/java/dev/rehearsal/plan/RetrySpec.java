package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Retry policy of a step; unset fields fall back to the plan's defaults, then to built-in values. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrySpec(
    Integer maxAttempts, String initialInterval, Double backoffCoefficient, String maximumInterval) {

  public static final RetrySpec BUILT_IN = new RetrySpec(3, "2s", 2.0, "1m");
  public static final RetrySpec NONE = new RetrySpec(null, null, null, null);

  /** This policy with every unset field taken from {@code fallback}. */
  public RetrySpec orElse(RetrySpec fallback) {
    if (fallback == null) {
      return this;
    }
    return new RetrySpec(
        maxAttempts != null ? maxAttempts : fallback.maxAttempts,
        initialInterval != null ? initialInterval : fallback.initialInterval,
        backoffCoefficient != null ? backoffCoefficient : fallback.backoffCoefficient,
        maximumInterval != null ? maximumInterval : fallback.maximumInterval);
  }
}
