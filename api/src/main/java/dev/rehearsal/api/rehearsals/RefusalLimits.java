package dev.rehearsal.api.rehearsals;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param perMinute refused attempts (approvals, completions, failed-step decisions, unknown steps) one user may make on
 *     one run within a minute; beyond it the API answers 429 with Retry-After and records nothing
 */
@ConfigurationProperties("rehearsal.refusals")
public record RefusalLimits(Integer perMinute) {
  public RefusalLimits {
    perMinute = perMinute == null ? 30 : perMinute;
    if (perMinute < 1) {
      throw new IllegalArgumentException("rehearsal.refusals.per-minute must be at least 1, was " + perMinute);
    }
  }
}
