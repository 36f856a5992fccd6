package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The rules that tie one part of a plan to another: references to targets and run parameters, the production
 * guard, rerun order, snapshots running before the restores that use them, and loads that fit their timeout. It
 * remembers what the plan declared so far, so the step rules must run in plan order.
 */
final class PlanCrossChecks {
  private final JsonChecks checks;
  private final Map<String, String> stepNames = new HashMap<>();
  /** Snapshot steps seen so far (so, running earlier), with their {@code only} setting ("" for both). */
  private final Map<String, String> snapshots = new HashMap<>();
  private JsonNode targets;
  private List<String> guardPatterns = Plan.Guard.DEFAULT.production();
  /** The plan's default step timeout, if it sets one: a load step without its own must fit in it. */
  private String planDefaultTimeout;

  PlanCrossChecks(JsonChecks checks) {
    this.checks = checks;
  }

  void useGuardPatterns(List<String> patterns) {
    guardPatterns = patterns;
  }

  void useTargets(JsonNode targets) {
    this.targets = targets;
  }

  void usePlanDefaultTimeout(String timeout) {
    planDefaultTimeout = timeout;
  }

  void checkUniqueStepName(String name, String path) {
    String earlier = stepNames.putIfAbsent(name, path);
    if (earlier != null) {
      checks.problem(path + ".name", "duplicate step name '" + name + "' (also at " + earlier + ")");
    }
  }

  /** Checks that {@code spec.key} names a target of the given type; true when it does. */
  boolean checkTargetRef(JsonNode spec, String key, String path, String type) {
    if (!checks.requireObject(spec, path) || !checks.requireText(spec, key, path)) {
      return false;
    }
    String name = spec.get(key).asText();
    Optional<JsonNode> target = target(name, path + "." + key);
    if (target.isPresent() && !target.get().has(type)) {
      checks.problem(path + "." + key, "target '" + name + "' is not a " + type + " target");
      return false;
    }
    return target.isPresent();
  }

  /** Checks that {@code name} is a target; true when it is. */
  boolean checkTargetExists(String name, String path) {
    return target(name, path).isPresent();
  }

  private Optional<JsonNode> target(String name, String path) {
    JsonNode t = targets == null ? null : targets.get(name);
    if (t == null) {
      checks.problem(path, "unknown target '" + name + "'" + (targets == null ? " (the plan has no targets)" : ""));
      return Optional.empty();
    }
    return Optional.of(t);
  }

  /** The production guard: a step that writes to a target that is readOnly or looks like production is refused. */
  void checkWritable(String name, String path) {
    JsonNode t = targets.get(name);
    if (t.path("readOnly").asBoolean(false)) {
      checks.problem(path, "target '" + name + "' is readOnly; Rehearsal never writes to it");
      return;
    }
    String address = t.has("postgres") ? t.path("postgres").path("url").asText("") : t.path("http").path("baseUrl").asText("");
    ProductionGuard.matchingPattern(address, guardPatterns)
        .ifPresent(
            pattern ->
                checks.problem(path, "target '" + name + "' matches production guard pattern '" + pattern
                    + "' (host or database name); Rehearsal never writes to it"));
  }

  /** A rerun names an earlier phase that has steps and no rerun of its own. */
  void checkRerunOrder(Phase target, String path, Phase phase, JsonNode phases) {
    if (target.ordinal() >= phase.ordinal()) {
      checks.problem(path, "can only rerun an earlier phase; '" + target.key() + "' does not run before '" + phase.key() + "'");
      return;
    }
    JsonNode steps = phases.get(target.key());
    if (steps == null || !steps.isArray() || steps.isEmpty()) {
      checks.problem(path, "phase '" + target.key() + "' has no steps to rerun");
      return;
    }
    for (JsonNode s : steps) {
      if (s.has(StepKind.RERUN.key())) {
        checks.problem(path, "phase '" + target.key() + "' itself contains a rerun step; reruns do not nest");
        return;
      }
    }
  }

  /** A snapshot step has run by now; {@code only} is its setting ("" for both schema and data). */
  void recordSnapshot(String stepName, String only) {
    snapshots.put(stepName, only);
  }

  /**
   * The snapshot a restore restores ({@code from}, or the plan's only snapshot step) runs before it and holds more
   * than data.
   */
  void checkRestoreSource(JsonNode from, String path, JsonNode phases) {
    if (from == null) {
      List<String> all = snapshotStepNames(phases);
      if (all.size() != 1) {
        checks.problem(path + ".from", "is required: name the postgres.snapshot step to restore (the plan has "
            + (all.isEmpty() ? "none" : all.size() + ": " + all) + ")");
      } else if (!snapshots.containsKey(all.get(0))) {
        checks.problem(path, "the snapshot step '" + all.get(0) + "' does not run before this restore");
      } else {
        checkRestorable(all.get(0), path);
      }
    } else if (!snapshots.containsKey(from.asText())) {
      checks.problem(path + ".from", "'" + from.asText() + "' is not a postgres.snapshot or postgres.copy step that runs before this restore");
    } else {
      checkRestorable(from.asText(), path + ".from");
    }
  }

  private void checkRestorable(String snapshot, String path) {
    if ("data".equals(snapshots.get(snapshot))) {
      checks.problem(path, "snapshot '" + snapshot + "' is data-only; a data-only snapshot is a backup and cannot be restored "
          + "into a recreated or cleaned database");
    }
  }

  /** Names of every step that takes a snapshot ({@code postgres.snapshot}, {@code postgres.copy}), in plan order. */
  static List<String> snapshotStepNames(JsonNode phases) {
    List<String> names = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      JsonNode steps = phases.path(phase.key());
      if (steps.isArray()) {
        steps.forEach(step -> {
          if (step.has(StepKind.POSTGRES_SNAPSHOT.key()) || step.has(StepKind.POSTGRES_COPY.key())) {
            names.add(step.path("name").asText());
          }
        });
      }
    }
    return names;
  }

  /**
   * A load that cannot finish within its step's timeout would be killed and retried forever: warm-up, load, drain and
   * one request timeout must fit in the step's own timeout, or else the plan's default, or else the built-in one.
   */
  void checkLoadFitsTimeout(JsonNode spec, String path) {
    Duration needed = Duration.ZERO;
    for (String d : List.of("warmup", "duration", "requestTimeout")) {
      needed = needed.plus(durationOrZero(spec.path(d)));
    }
    for (JsonNode stage : spec.path("stages")) {
      needed = needed.plus(durationOrZero(stage.path("duration")));
    }
    needed = needed.plus(durationOrZero(spec.path("probes").path("queue").path("drain")));
    String timeout = spec.has("timeout") ? spec.get("timeout").asText() : planDefaultTimeout;
    Duration allowed = Durations.tryParse(timeout == null ? LoadSpec.DEFAULT_TIMEOUT : timeout).orElse(null);
    if (allowed != null && needed.plusMinutes(1).compareTo(allowed) > 0) {
      checks.problem(spec.has("timeout") ? path + ".timeout" : path, "the load needs about " + needed.plusMinutes(1).toMinutes()
          + " minutes (warm-up, load, drain, a request timeout and a minute's margin) but the step's timeout is " + timeout
          + (spec.has("timeout") ? "" : " (the plan's default)") + "; set a longer 'timeout' on the step");
    }
  }

  private static Duration durationOrZero(JsonNode node) {
    return Durations.tryParse(node.asText(null)).orElse(Duration.ZERO);
  }

  /**
   * Every {@code ${...}} in the plan's strings is a parameter, a secret, or not meant as ours. With {@code
   * parameters} non-null, a parameter the run was not given is a problem too.
   */
  void checkReferences(JsonNode node, String path, Set<String> parameters) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> checkReferences(e.getValue(), JsonChecks.join(path, e.getKey()), parameters));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkReferences(node.get(i), path + "[" + i + "]", parameters);
      }
    } else if (node.isTextual()) {
      Matcher m = References.ANY.matcher(node.asText());
      while (m.find()) {
        String body = m.group(1);
        if (References.isParameter(body)) {
          String name = body.substring("parameters.".length());
          if (parameters != null && !parameters.contains(name)) {
            checks.problem(path, "parameter '" + name + "' is not given; the run has " + parameters);
          }
        } else if (OutputReferences.looksLikeOne(body) && !path.startsWith("phases.")) {
          checks.problem(path, "'${" + body + "}': step outputs can only be used in the fields of a later step");
        } else if (!References.isSecret(body) && !OutputReferences.looksLikeOne(body) && References.looksIntended(body)) {
          checks.problem(path, "unknown reference '${" + body + "}'; use ${parameters.NAME}, ${env:NAME}, ${file:PATH}"
              + " or ${steps.STEP.outputs.NAME}");
        }
      }
    }
  }
}
