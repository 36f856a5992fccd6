package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/** A load step's health and queue probes, and the gates that judge its figures (some need a probe). */
final class LoadProbeAndGateRules {
  private static final Set<String> PROBES_KEYS = RecordKeys.of(LoadSpec.Probes.class);
  private static final Set<String> HEALTH_KEYS = RecordKeys.of(LoadSpec.HealthProbe.class);
  private static final Set<String> QUEUE_KEYS = RecordKeys.of(LoadSpec.QueueProbe.class);
  private static final Set<String> GATE_KEYS = RecordKeys.of(LoadSpec.GateSpec.class);
  /** Figures a load gate can judge; see {@code docs/plans.md}. */
  private static final Set<String> GATES = Set.of("p50LatencyMs", "p95LatencyMs", "p99LatencyMs", "errorRate",
      "errorRateByRequest", "droppedShare", "degradedShare", "transitions", "probeFailureRate", "queueDrain");
  private static final Set<String> WORST_VERDICTS = Set.of("WARN", "FAIL");

  private final JsonChecks checks;

  LoadProbeAndGateRules(JsonChecks checks) {
    this.checks = checks;
  }

  /** Checks {@code spec.probes}, then {@code spec.gates} against the probes present. */
  void check(JsonNode spec, String path) {
    boolean health = false;
    boolean queue = false;
    JsonNode probes = spec.get("probes");
    if (probes != null && checks.requireObject(probes, path + ".probes")) {
      checks.unknownKeys(probes, path + ".probes", PROBES_KEYS);
      health = checkHealthProbe(probes.get("health"), path + ".probes.health");
      queue = checkQueueProbe(probes.get("queue"), path + ".probes.queue");
    }
    JsonNode gates = spec.get("gates");
    if (gates != null && checks.requireObject(gates, path + ".gates")) {
      boolean hasHealth = health;
      boolean hasQueue = queue;
      gates.fields().forEachRemaining(e -> checkGate(e.getKey(), e.getValue(), path + ".gates." + e.getKey(), hasHealth, hasQueue));
    }
  }

  /** True when the probe is there (a mapping), whatever else is wrong with it. */
  private boolean checkHealthProbe(JsonNode h, String path) {
    if (h == null || !checks.requireObject(h, path)) {
      return false;
    }
    checks.unknownKeys(h, path, HEALTH_KEYS);
    checkProbePath(h, path);
    checks.checkPointer(h.get("json"), path + ".json");
    checks.checkStringList(h.get("healthy"), path + ".healthy");
    if (h.has("json") != h.has("healthy")) {
      checks.problem(path, "'json' (where the state is) and 'healthy' (its healthy values) go together");
    }
    return true;
  }

  /** True when the probe is there (a mapping), whatever else is wrong with it. */
  private boolean checkQueueProbe(JsonNode q, String path) {
    if (q == null || !checks.requireObject(q, path)) {
      return false;
    }
    checks.unknownKeys(q, path, QUEUE_KEYS);
    checkProbePath(q, path);
    checks.checkPointer(q.get("json"), path + ".json");
    checks.checkDuration(q.get("drain"), path + ".drain");
    if (q.has("json") == q.has("prometheus")) {
      checks.problem(path, "give exactly one of 'json' (a JSON Pointer) or 'prometheus' (a metric name)");
    }
    return true;
  }

  private void checkProbePath(JsonNode probe, String path) {
    JsonNode p = probe.get("path");
    if (p == null || !p.isTextual() || !p.asText().startsWith("/")) {
      checks.problem(path + ".path", "is required and must start with '/'");
    }
    checks.checkDuration(probe.get("interval"), path + ".interval");
    checks.atLeast(probe.get("interval"), path + ".interval", Duration.ofMillis(100));
  }

  private void checkGate(String name, JsonNode gate, String path, boolean health, boolean queue) {
    if (!GATES.contains(name)) {
      checks.problem(path, "unknown gate; gates are " + GATES.stream().sorted().toList());
      return;
    }
    if (!checks.requireObject(gate, path)) {
      return;
    }
    checks.unknownKeys(gate, path, GATE_KEYS);
    JsonNode pass = gate.get("pass");
    JsonNode warn = gate.get("warn");
    if (!name.equals("queueDrain") && (pass == null || !pass.isNumber() || pass.asDouble() < 0)) {
      checks.problem(path + ".pass", "is required: the largest value that passes");
    }
    if (warn != null && (!warn.isNumber() || (pass != null && pass.isNumber() && warn.asDouble() < pass.asDouble()))) {
      checks.problem(path + ".warn", "must be a number at least 'pass' (values above it FAIL)");
    }
    JsonNode worst = gate.get("worst");
    if (worst != null && !WORST_VERDICTS.contains(worst.asText())) {
      checks.problem(path + ".worst", "must be WARN or FAIL: the worst verdict this gate can give");
    }
    if ((name.equals("degradedShare") || name.equals("transitions")) && !health) {
      checks.problem(path, "needs a health probe: add probes.health");
    }
    if (name.equals("probeFailureRate") && !health && !queue) {
      checks.problem(path, "needs a probe: add probes.health or probes.queue");
    }
    if (name.equals("queueDrain") && !queue) {
      checks.problem(path, "needs a queue probe with a drain phase: add probes.queue");
    }
  }
}
