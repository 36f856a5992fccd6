package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A {@code load} step: the traffic model, its shape over time, the requests sent, and the baseline comparison. */
final class LoadStepRules extends StepRules {
  private static final Set<String> KEYS = RecordKeys.of(LoadSpec.class);
  private static final Set<String> STAGE_KEYS = RecordKeys.of(LoadSpec.Stage.class);
  private static final Set<String> REQUEST_KEYS = RecordKeys.of(LoadSpec.Request.class);
  private static final Set<String> BASELINE_KEYS = RecordKeys.of(LoadSpec.BaselineSpec.class);
  private static final Set<String> MODELS = RecordKeys.names(LoadSpec.Model.class);

  private final LoadProbeAndGateRules probesAndGates;

  LoadStepRules(JsonChecks checks, PlanCrossChecks cross) {
    super(checks, cross);
    this.probesAndGates = new LoadProbeAndGateRules(checks);
  }

  @Override
  void check(JsonNode spec, String path, StepSite site) {
    // Load is never aimed at production: it is heavy traffic, and its requests may write.
    if (cross.checkTargetRef(spec, "target", path, "http")) {
      cross.checkWritable(spec.get("target").asText(), path + ".target");
    }
    if (!spec.isObject()) {
      return;
    }
    checks.unknownKeys(spec, path, KEYS);
    checkShape(spec, path);
    for (String d : List.of("duration", "warmup", "requestTimeout", "window", "timeout")) {
      checks.checkDuration(spec.get(d), path + "." + d);
    }
    checks.atLeast(spec.get("window"), path + ".window", Duration.ofSeconds(1));
    cross.checkLoadFitsTimeout(spec, path);
    checks.checkWholeNumber(spec.get("concurrency"), path + ".concurrency", 1, 10_000);
    checkRequests(spec.get("requests"), path + ".requests");
    probesAndGates.check(spec, path);
    JsonNode baseline = spec.get("baseline");
    if (baseline != null && checks.requireObject(baseline, path + ".baseline")) {
      checks.unknownKeys(baseline, path + ".baseline", BASELINE_KEYS);
      JsonNode t = baseline.get("tolerance");
      if (t == null || !t.isNumber() || t.asDouble() < 0 || t.asDouble() > 10) {
        checks.problem(path + ".baseline.tolerance", "is required: the worsening allowed, e.g. 0.10 for 10%");
      }
    }
  }

  /** The model, and the rate or stages (open) or users (closed) it needs, and how long the load holds. */
  private void checkShape(JsonNode spec, String path) {
    JsonNode model = spec.get("model");
    if (model != null && !MODELS.contains(model.asText())) {
      checks.problem(path + ".model", "must be 'open' (a fixed arrival rate, the default) or 'closed' (a fixed number of users)");
    }
    boolean closed = model != null && LoadSpec.Model.closed.name().equals(model.asText());
    JsonNode rate = spec.get("rate");
    if (rate != null && (!rate.isNumber() || rate.asDouble() <= 0 || rate.asDouble() > 100_000)) {
      checks.problem(path + ".rate", "must be a number of requests per second above 0 and at most 100000");
    }
    JsonNode stages = spec.get("stages");
    if (stages != null) {
      checkStages(stages, path + ".stages");
    }
    if (closed && (rate != null || stages != null)) {
      checks.problem(path + ".model", "a closed model has no arrival rate; set 'concurrency' (users) and 'duration'");
    }
    if (!closed && rate == null && stages == null) {
      checks.problem(path + ".rate", "is required for the open model (or give 'stages')");
    }
    if (stages == null && spec.get("duration") == null) {
      checks.problem(path + ".duration", "is required (how long the load holds)");
    }
  }

  private void checkStages(JsonNode stages, String path) {
    if (!stages.isArray() || stages.isEmpty()) {
      checks.problem(path, "must be a list of { duration, rate }");
      return;
    }
    for (int i = 0; i < stages.size(); i++) {
      String p = path + "[" + i + "]";
      JsonNode stage = stages.get(i);
      if (!checks.requireObject(stage, p)) {
        continue;
      }
      checks.unknownKeys(stage, p, STAGE_KEYS);
      if (stage.get("duration") == null) {
        checks.problem(p + ".duration", "is required");
      }
      checks.checkDuration(stage.get("duration"), p + ".duration");
      JsonNode r = stage.get("rate");
      if (r == null || !r.isNumber() || r.asDouble() < 0 || r.asDouble() > 100_000) {
        checks.problem(p + ".rate", "is required: requests per second from 0 to 100000 at the end of the stage");
      }
    }
  }

  private void checkRequests(JsonNode requests, String path) {
    if (requests == null || !requests.isArray() || requests.isEmpty()) {
      checks.problem(path, "is required: a list of { name, path, method, headers, body, weight, expectStatus }");
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < requests.size(); i++) {
      String p = path + "[" + i + "]";
      JsonNode r = requests.get(i);
      if (!checks.requireObject(r, p)) {
        continue;
      }
      checks.unknownKeys(r, p, REQUEST_KEYS);
      if (checks.requireText(r, "name", p) && !names.add(r.get("name").asText())) {
        checks.problem(p + ".name", "duplicate request name '" + r.get("name").asText() + "'");
      }
      JsonNode rp = r.get("path");
      if (rp == null || !rp.isTextual() || !rp.asText().startsWith("/")) {
        checks.problem(p + ".path", "is required and must start with '/'");
      }
      HttpStepRules.checkMethod(checks, r.get("method"), p + ".method");
      checks.checkStringMap(r.get("headers"), p + ".headers");
      checks.checkWholeNumber(r.get("weight"), p + ".weight", 1, 1_000_000);
      checks.checkIntegers(r.get("expectStatus"), p + ".expectStatus", 100, 599);
    }
  }
}
