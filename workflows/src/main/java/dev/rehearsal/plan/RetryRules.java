package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** A retry policy, as the plan's default or a step's own. */
final class RetryRules {
  private static final Set<String> KEYS = RecordKeys.of(RetrySpec.class);

  private final JsonChecks checks;

  RetryRules(JsonChecks checks) {
    this.checks = checks;
  }

  void check(JsonNode retry, String path) {
    if (retry == null || !checks.requireObject(retry, path)) {
      return;
    }
    checks.unknownKeys(retry, path, KEYS);
    JsonNode max = retry.get("maxAttempts");
    if (max != null && (!max.isIntegralNumber() || max.asInt() < 1 || max.asInt() > 100)) {
      checks.problem(path + ".maxAttempts", "must be a whole number from 1 to 100");
    }
    checks.checkDuration(retry.get("initialInterval"), path + ".initialInterval");
    checks.checkDuration(retry.get("maximumInterval"), path + ".maximumInterval");
    Optional<Duration> initial = Durations.tryParse(retry.path("initialInterval").asText(null));
    Optional<Duration> maximum = Durations.tryParse(retry.path("maximumInterval").asText(null));
    if (initial.isPresent() && maximum.isPresent() && initial.get().compareTo(maximum.get()) > 0) {
      checks.problem(path + ".maximumInterval", "must not be shorter than initialInterval");
    }
    JsonNode coefficient = retry.get("backoffCoefficient");
    if (coefficient != null && (!coefficient.isNumber() || coefficient.asDouble() < 1.0)) {
      checks.problem(path + ".backoffCoefficient", "must be a number of at least 1.0");
    }
  }
}
