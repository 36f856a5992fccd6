package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a plan tree and reports every problem with its path, so a user fixes a plan in one round trip. Works on the
 * raw tree (not on {@link Plan}) because a plan with problems may not bind at all. The plan's own fields are checked
 * here; targets, notify, phases and each step kind have rules of their own, and rules across parts of the plan are
 * in {@link PlanCrossChecks}.
 */
public final class PlanValidator {
  public static final String API_VERSION = "rehearsal/v1";
  private static final int MAX_NAME = 255;
  private static final Duration SHORTEST_HEARTBEAT = Duration.ofSeconds(5);
  /** {@code description} is for readers only: it is allowed but not bound. */
  private static final Set<String> TOP_KEYS = RecordKeys.of(Plan.class, "description");
  private static final Set<String> DEFAULTS_KEYS = RecordKeys.of(Plan.Defaults.class);
  private static final Set<String> READINESS_KEYS = RecordKeys.of(ReadinessSpec.class);
  private static final Set<String> GUARD_KEYS = RecordKeys.of(Plan.Guard.class);

  private final JsonChecks checks = new JsonChecks();
  private final PlanCrossChecks cross = new PlanCrossChecks(checks);
  private final RetryRules retry = new RetryRules(checks);

  private PlanValidator() {}

  /**
   * Every problem in the plan. With {@code parameters} present, references to run parameters that were not given
   * are problems too; without, they are not checked (a plan validated on its own has no run yet).
   */
  public static List<PlanProblem> validate(JsonNode plan, Optional<Set<String>> parameters) {
    PlanValidator v = new PlanValidator();
    v.checks.addAll(LoneSurrogates.problems(plan, ""));
    v.checkPlan(plan);
    if (plan != null) {
      v.cross.checkReferences(plan, "", parameters.orElse(null));
    }
    return v.checks.problems();
  }

  private void checkPlan(JsonNode plan) {
    if (plan == null || !plan.isObject()) {
      checks.problem("", "a plan is a mapping with apiVersion, name, environment, targets and phases");
      return;
    }
    checks.unknownKeys(plan, "", TOP_KEYS);
    JsonNode apiVersion = plan.get("apiVersion");
    if (apiVersion == null || !API_VERSION.equals(apiVersion.asText())) {
      checks.problem("apiVersion", "must be '" + API_VERSION + "'");
    }
    if (checks.requireText(plan, "name", "") && plan.get("name").asText().length() > MAX_NAME) {
      // The name becomes a Keyword search attribute; visibility stores refuse longer ones (a SQL store's column is 255).
      checks.problem("name", "must be at most " + MAX_NAME + " characters");
    }
    // Text that is not valid Unicode is refused as such already (LoneSurrogates).
    if (checks.requireText(plan, "environment", "") && !LoneSurrogates.in(plan.get("environment").asText())) {
      EnvironmentName.problem(plan.get("environment").asText()).ifPresent(why -> checks.problem("environment", why));
    }
    checkGuard(plan.get("guard"));
    JsonNode targets = plan.get("targets");
    if (targets != null && checks.requireObject(targets, "targets")) {
      cross.useTargets(targets);
      new TargetRules(checks).check(targets);
    }
    checkDefaults(plan.get("defaults"));
    checkReadiness(plan.get("readiness"));
    new FailureRules(checks).checkPlan(plan);
    new NotifyRules(checks).check(plan.get("notify"));
    new PhaseRules(checks, cross, retry).check(plan.get("phases"));
  }

  private void checkDefaults(JsonNode defaults) {
    cross.usePlanDefaultTimeout(defaults == null ? null : defaults.path("timeout").asText(null));
    if (defaults == null || !checks.requireObject(defaults, "defaults")) {
      return;
    }
    checks.unknownKeys(defaults, "defaults", DEFAULTS_KEYS);
    retry.check(defaults.get("retry"), "defaults.retry");
    checks.checkDuration(defaults.get("timeout"), "defaults.timeout");
    checks.checkDuration(defaults.get("heartbeatTimeout"), "defaults.heartbeatTimeout");
    Durations.tryParse(defaults.path("heartbeatTimeout").asText(null))
        .filter(d -> d.compareTo(SHORTEST_HEARTBEAT) < 0)
        .ifPresent(d -> checks.problem("defaults.heartbeatTimeout", "must be at least 5s: steps heartbeat about every second"));
  }

  private void checkReadiness(JsonNode readiness) {
    if (readiness == null || !checks.requireObject(readiness, "readiness")) {
      return;
    }
    checks.unknownKeys(readiness, "readiness", READINESS_KEYS);
    readiness.fields().forEachRemaining(e -> {
      if (!e.getValue().isTextual()) {
        checks.problem("readiness." + e.getKey(), "must be a text such as \"97-98%\"");
      }
    });
  }

  /** The guard's patterns replace the default ones for every write check that follows. */
  private void checkGuard(JsonNode guard) {
    if (guard == null || !checks.requireObject(guard, "guard")) {
      return;
    }
    checks.unknownKeys(guard, "guard", GUARD_KEYS);
    JsonNode production = guard.get("production");
    if (production == null || !production.isArray()) {
      checks.problem("guard.production", "must be a list of name fragments, e.g. [\"prod\", \"production\"]");
      return;
    }
    List<String> patterns = new ArrayList<>();
    for (int i = 0; i < production.size(); i++) {
      String p = production.get(i).asText("");
      if (!production.get(i).isTextual() || p.isBlank()) {
        checks.problem("guard.production[" + i + "]", "must be a non-empty string");
      } else {
        patterns.add(p);
      }
    }
    cross.useGuardPatterns(patterns);
  }
}
