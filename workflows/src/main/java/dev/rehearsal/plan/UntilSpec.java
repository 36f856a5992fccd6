package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/**
 * A step-level {@code until}: the step's expectations are checked again every {@code every} until they hold or
 * {@code timeout} has passed since the first check. Only kinds whose activity polls accept it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UntilSpec(String timeout, String every) {
  public static final String DEFAULT_EVERY = "10s";
  /** The kinds whose activity runs the poll loop. */
  static final Set<StepKind> KINDS = Set.of(StepKind.HTTP, StepKind.SQL, StepKind.COMMAND);

  public UntilSpec {
    every = every == null ? DEFAULT_EVERY : every;
  }

  public Duration timeoutDuration() {
    return Durations.parse(timeout);
  }

  public Duration everyDuration() {
    return Durations.parse(every);
  }

  /** {@code until} on a step: a mapping with a timeout, on an http, sql or command step. */
  static final class Rules {
    private static final Set<String> KEYS = RecordKeys.of(UntilSpec.class);
    private static final Duration SHORTEST_EVERY = Duration.ofMillis(100);

    private final JsonChecks checks;

    Rules(JsonChecks checks) {
      this.checks = checks;
    }

    void check(JsonNode step, String path) {
      JsonNode until = step.get("until");
      if (until == null) {
        return;
      }
      String at = path + ".until";
      boolean polls = KINDS.stream().anyMatch(kind -> step.has(kind.key()));
      if (!polls) {
        checks.problem(at, "only http, sql and command steps can wait for a condition");
      }
      if (!checks.requireObject(until, at)) {
        return;
      }
      checks.unknownKeys(until, at, KEYS);
      JsonNode timeout = until.get("timeout");
      if (timeout == null) {
        checks.problem(at + ".timeout", "is required: how long to keep checking, e.g. 5m");
      }
      checks.checkDuration(timeout, at + ".timeout");
      checks.checkDuration(until.get("every"), at + ".every");
      checks.atLeast(until.get("every"), at + ".every", SHORTEST_EVERY);
      Durations.tryParse(timeout == null ? null : timeout.asText(null)).ifPresent(limit ->
          Durations.tryParse(until.path("every").asText(DEFAULT_EVERY))
              .filter(every -> every.compareTo(limit) > 0)
              .ifPresent(every -> checks.problem(at + ".every", "must not be longer than the timeout (" + timeout.asText() + ")")));
    }
  }
}
