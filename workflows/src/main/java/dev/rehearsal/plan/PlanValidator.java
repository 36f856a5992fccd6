package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a plan tree and reports every problem with its path, so a user fixes a plan in one round trip. Works on the
 * raw tree (not on {@link Plan}) because a plan with problems may not bind at all.
 */
public final class PlanValidator {
  public static final String API_VERSION = "rehearsal/v1";
  /** Step names become evidence file names, hence the length limit and no "..". */
  private static final Pattern STEP_NAME = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final java.time.Duration LONGEST = java.time.Duration.ofDays(365);
  private static final java.time.Duration SHORTEST_HEARTBEAT = java.time.Duration.ofSeconds(5);
  private static final int MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
  private static final Set<String> TOP_KEYS =
      Set.of("apiVersion", "name", "environment", "description", "guard", "targets", "defaults", "readiness", "notify", "phases");
  /** Figures a load gate can judge; see {@code docs/plans.md}. */
  private static final Set<String> LOAD_GATES = Set.of("p50LatencyMs", "p95LatencyMs", "p99LatencyMs", "errorRate",
      "errorRateByRequest", "droppedShare", "degradedShare", "transitions", "probeFailureRate", "queueDrain");
  private static final Set<String> STEP_KEYS = Set.of("name", "retry", "description");
  private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final List<PlanProblem> problems = new ArrayList<>();
  private final Map<String, String> stepNames = new HashMap<>();
  /** Snapshot steps seen so far (so, running earlier), with their {@code only} setting ("" for both). */
  private final Map<String, String> snapshots = new HashMap<>();
  private JsonNode targets;
  private List<String> guardPatterns = Plan.Guard.DEFAULT.production();
  /** The plan's default step timeout, if it sets one: a load step without its own must fit in it. */
  private String planDefaultTimeout;

  private PlanValidator() {}

  /**
   * Every problem in the plan. With {@code parameters} present, references to run parameters that were not given
   * are problems too; without, they are not checked (a plan validated on its own has no run yet).
   */
  public static List<PlanProblem> validate(JsonNode plan, Optional<Set<String>> parameters) {
    PlanValidator v = new PlanValidator();
    v.problems.addAll(LoneSurrogates.problems(plan, ""));
    v.checkPlan(plan);
    if (plan != null) {
      v.checkReferences(plan, "", parameters.orElse(null));
    }
    return List.copyOf(v.problems);
  }

  private void checkPlan(JsonNode plan) {
    if (plan == null || !plan.isObject()) {
      problem("", "a plan is a mapping with apiVersion, name, environment, targets and phases");
      return;
    }
    unknownKeys(plan, "", TOP_KEYS);
    JsonNode apiVersion = plan.get("apiVersion");
    if (apiVersion == null || !API_VERSION.equals(apiVersion.asText())) {
      problem("apiVersion", "must be '" + API_VERSION + "'");
    }
    requireText(plan, "name", "");
    requireText(plan, "environment", "");
    checkGuard(plan.get("guard"));
    checkTargets(plan.get("targets"));
    JsonNode defaults = plan.get("defaults");
    planDefaultTimeout = defaults == null ? null : defaults.path("timeout").asText(null);
    if (defaults != null) {
      if (requireObject(defaults, "defaults")) {
        unknownKeys(defaults, "defaults", Set.of("retry", "timeout", "heartbeatTimeout"));
        checkRetry(defaults.get("retry"), "defaults.retry");
        checkDuration(defaults.get("timeout"), "defaults.timeout");
        checkDuration(defaults.get("heartbeatTimeout"), "defaults.heartbeatTimeout");
        Durations.tryParse(defaults.path("heartbeatTimeout").asText(null))
            .filter(d -> d.compareTo(SHORTEST_HEARTBEAT) < 0)
            .ifPresent(d -> problem("defaults.heartbeatTimeout", "must be at least 5s: steps heartbeat about every second"));
      }
    }
    JsonNode readiness = plan.get("readiness");
    if (readiness != null && requireObject(readiness, "readiness")) {
      unknownKeys(readiness, "readiness", Set.of("pass", "warn", "fail"));
      readiness.fields().forEachRemaining(e -> {
        if (!e.getValue().isTextual()) {
          problem("readiness." + e.getKey(), "must be a text such as \"97-98%\"");
        }
      });
    }
    checkNotify(plan.get("notify"));
    checkPhases(plan.get("phases"));
  }

  private void checkNotify(JsonNode notify) {
    if (notify == null || !requireObject(notify, "notify")) {
      return;
    }
    unknownKeys(notify, "notify", Set.of("webhooks"));
    JsonNode hooks = notify.get("webhooks");
    if (hooks == null || !hooks.isArray()) {
      problem("notify.webhooks", "must be a list of { url, events }");
      return;
    }
    Set<String> events = Set.of("awaitingApproval", "failed", "ended");
    for (int i = 0; i < hooks.size(); i++) {
      String path = "notify.webhooks[" + i + "]";
      if (!requireObject(hooks.get(i), path)) {
        continue;
      }
      unknownKeys(hooks.get(i), path, Set.of("url", "events"));
      if (requireText(hooks.get(i), "url", path)) {
        checkHttpUrl(hooks.get(i).get("url").asText(), path + ".url");
      }
      JsonNode e = hooks.get(i).get("events");
      if (e != null) {
        if (!e.isArray()) {
          problem(path + ".events", "must be a list of " + events.stream().sorted().toList());
        } else {
          for (int j = 0; j < e.size(); j++) {
            if (!events.contains(e.get(j).asText())) {
              problem(path + ".events[" + j + "]", "unknown event; events are " + events.stream().sorted().toList());
            }
          }
        }
      }
    }
  }

  private void checkGuard(JsonNode guard) {
    if (guard == null || !requireObject(guard, "guard")) {
      return;
    }
    unknownKeys(guard, "guard", Set.of("production"));
    JsonNode production = guard.get("production");
    if (production == null || !production.isArray()) {
      problem("guard.production", "must be a list of name fragments, e.g. [\"prod\", \"production\"]");
      return;
    }
    List<String> patterns = new ArrayList<>();
    for (int i = 0; i < production.size(); i++) {
      String p = production.get(i).asText("");
      if (!production.get(i).isTextual() || p.isBlank()) {
        problem("guard.production[" + i + "]", "must be a non-empty string");
      } else {
        patterns.add(p);
      }
    }
    guardPatterns = patterns;
  }

  private void checkTargets(JsonNode node) {
    if (node == null) {
      return;
    }
    if (!requireObject(node, "targets")) {
      return;
    }
    targets = node;
    node.fields()
        .forEachRemaining(
            e -> {
              String path = "targets." + e.getKey();
              JsonNode t = e.getValue();
              if (!requireObject(t, path)) {
                return;
              }
              unknownKeys(t, path, Set.of("postgres", "http", "readOnly", "description"));
              boolean pg = t.has("postgres");
              boolean http = t.has("http");
              if (pg == http) {
                problem(path, "a target is exactly one of 'postgres' or 'http'");
              }
              if (pg && requireObject(t.get("postgres"), path + ".postgres")) {
                unknownKeys(t.get("postgres"), path + ".postgres", Set.of("url"));
                requireText(t.get("postgres"), "url", path + ".postgres");
              }
              if (http && requireObject(t.get("http"), path + ".http")) {
                unknownKeys(t.get("http"), path + ".http", Set.of("baseUrl", "headers"));
                if (requireText(t.get("http"), "baseUrl", path + ".http")) {
                  checkHttpUrl(t.get("http").get("baseUrl").asText(), path + ".http.baseUrl");
                }
                checkStringMap(t.get("http").get("headers"), path + ".http.headers");
              }
              checkBoolean(t.get("readOnly"), path + ".readOnly");
            });
  }

  private void checkHttpUrl(String url, String path) {
    if (References.ANY.matcher(url).find()) {
      return;
    }
    try {
      URI uri = URI.create(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        problem(path, "must be an absolute http:// or https:// URL");
      }
    } catch (IllegalArgumentException e) {
      problem(path, "is not a URL: " + e.getMessage());
    }
  }

  private void checkPhases(JsonNode phases) {
    if (phases == null) {
      problem("phases", "is required, and must contain at least 'signoff'");
      return;
    }
    if (!requireObject(phases, "phases")) {
      return;
    }
    for (Iterator<String> it = phases.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (Phase.fromKey(key).isEmpty()) {
        problem("phases." + key, "unknown phase; phases are " + phaseKeys());
      }
    }
    for (Phase phase : Phase.values()) {
      JsonNode node = phases.get(phase.key());
      String path = "phases." + phase.key();
      if (phase == Phase.SIGNOFF) {
        checkSignoff(node, path);
      } else if (node != null && !node.isNull()) {
        if (!node.isArray()) {
          problem(path, "must be a list of steps");
          continue;
        }
        for (int i = 0; i < node.size(); i++) {
          checkStep(node.get(i), path + "[" + i + "]", phase, phases);
        }
      }
    }
  }

  private void checkSignoff(JsonNode signoff, String path) {
    if (signoff == null || signoff.isNull()) {
      problem(path, "is required: every rehearsal ends with a named person's sign-off");
      return;
    }
    if (!requireObject(signoff, path)) {
      return;
    }
    unknownKeys(signoff, path, Set.of("approvers", "allowInitiator", "timeout"));
    JsonNode approvers = signoff.get("approvers");
    if (approvers != null && requireObject(approvers, path + ".approvers")) {
      unknownKeys(approvers, path + ".approvers", Set.of("role", "required"));
      JsonNode role = approvers.get("role");
      if (role != null && !"APPROVER".equals(role.asText())) {
        problem(path + ".approvers.role", "must be APPROVER");
      }
      JsonNode required = approvers.get("required");
      if (required != null && (!required.canConvertToInt() || !required.isIntegralNumber() || required.asInt() < 1)) {
        problem(path + ".approvers.required", "must be a whole number of at least 1");
      }
    }
    checkBoolean(signoff.get("allowInitiator"), path + ".allowInitiator");
    checkDuration(signoff.get("timeout"), path + ".timeout");
  }

  private void checkStep(JsonNode step, String path, Phase phase, JsonNode phases) {
    if (!requireObject(step, path)) {
      return;
    }
    if (requireText(step, "name", path)) {
      String name = step.get("name").asText();
      if (!STEP_NAME.matcher(name).matches()) {
        problem(path + ".name", "must start with a letter or digit, use only letters, digits, '.', '_' or '-', no '..', at most 100 characters");
      }
      String earlier = stepNames.putIfAbsent(name, path);
      if (earlier != null) {
        problem(path + ".name", "duplicate step name '" + name + "' (also at " + earlier + ")");
      }
    }
    checkRetry(step.get("retry"), path + ".retry");
    List<String> kindKeys = new ArrayList<>();
    step.fieldNames().forEachRemaining(k -> {
      if (!STEP_KEYS.contains(k)) {
        kindKeys.add(k);
      }
    });
    if (kindKeys.isEmpty()) {
      problem(path, "has no step kind; kinds are " + kindList());
      return;
    }
    if (kindKeys.size() > 1) {
      problem(path, "has more than one step kind: " + String.join(", ", kindKeys));
    }
    for (String key : kindKeys) {
      Optional<StepKind> kind = StepKind.fromKey(key);
      String kindPath = path + "." + key;
      if (kind.isEmpty()) {
        problem(kindPath, "unknown step kind '" + key + "'; kinds are " + kindList());
        continue;
      }
      JsonNode spec = step.get(key);
      switch (kind.get()) {
        case COMMAND -> checkCommand(spec, kindPath);
        case HTTP -> checkHttp(spec, kindPath);
        case RERUN -> checkRerun(spec, kindPath, phase, phases);
        case SQL -> checkSql(spec, kindPath);
        case POSTGRES_SNAPSHOT -> checkSnapshot(spec, kindPath, step.path("name").asText());
        case POSTGRES_RESTORE -> checkRestore(spec, kindPath, phases);
        case LOAD -> checkLoad(spec, kindPath);
      }
    }
  }

  private void checkCommand(JsonNode spec, String path) {
    if (!requireObject(spec, path)) {
      return;
    }
    unknownKeys(spec, path, Set.of("run", "shell", "workdir", "env", "timeout", "expect", "writes", "maxOutputBytes"));
    checkBoolean(spec.get("shell"), path + ".shell");
    boolean shell = spec.path("shell").asBoolean(false);
    JsonNode run = spec.get("run");
    if (run == null || run.isNull()) {
      problem(path + ".run", "is required: the program and its arguments, as a list");
    } else if (run.isTextual() && !shell) {
      problem(path + ".run", "must be a list of arguments (no shell is used unless 'shell: true')");
    } else if (run.isArray()) {
      if (run.isEmpty()) {
        problem(path + ".run", "must name a program");
      }
      for (int i = 0; i < run.size(); i++) {
        if (!run.get(i).isValueNode() || run.get(i).isNull()) {
          problem(path + ".run[" + i + "]", "must be a string");
        }
      }
    } else if (!run.isTextual()) {
      problem(path + ".run", "must be a list of arguments");
    }
    JsonNode workdir = spec.get("workdir");
    if (workdir != null && !workdir.isTextual()) {
      problem(path + ".workdir", "must be a path");
    }
    checkStringMap(spec.get("env"), path + ".env");
    checkDuration(spec.get("timeout"), path + ".timeout");
    checkWholeNumber(spec.get("maxOutputBytes"), path + ".maxOutputBytes", 1, MAX_OUTPUT_BYTES);
    JsonNode expect = spec.get("expect");
    if (expect != null && requireObject(expect, path + ".expect")) {
      unknownKeys(expect, path + ".expect", Set.of("exit", "outputMatches", "outputNotMatches"));
      checkIntegers(expect.get("exit"), path + ".expect.exit", 0, 255);
      checkRegex(expect.get("outputMatches"), path + ".expect.outputMatches");
      checkRegex(expect.get("outputNotMatches"), path + ".expect.outputNotMatches");
    }
    JsonNode writes = spec.get("writes");
    if (writes != null) {
      if (!writes.isArray()) {
        problem(path + ".writes", "must be a list of target names");
      } else {
        for (int i = 0; i < writes.size(); i++) {
          String p = path + ".writes[" + i + "]";
          String name = writes.get(i).asText();
          if (target(name, p).isPresent()) {
            checkWritable(name, p);
          }
        }
      }
    }
  }

  private void checkHttp(JsonNode spec, String path) {
    if (!requireObject(spec, path)) {
      return;
    }
    unknownKeys(spec, path, Set.of("target", "path", "method", "headers", "body", "timeout", "expect"));
    JsonNode method = spec.get("method");
    boolean writes = method != null && !Set.of("GET", "HEAD", "OPTIONS").contains(method.asText().toUpperCase(java.util.Locale.ROOT));
    // A request that may change the target is a write: never to production.
    if (checkTargetRef(spec, "target", path, "http") && writes) {
      checkWritable(spec.get("target").asText(), path + ".target");
    }
    JsonNode p = spec.get("path");
    if (p != null && (!p.isTextual() || !p.asText().startsWith("/"))) {
      problem(path + ".path", "must start with '/'");
    }
    if (method != null && !HTTP_METHODS.contains(method.asText().toUpperCase(java.util.Locale.ROOT))) {
      problem(path + ".method", "must be one of " + HTTP_METHODS);
    }
    checkStringMap(spec.get("headers"), path + ".headers");
    checkDuration(spec.get("timeout"), path + ".timeout");
    JsonNode expect = spec.get("expect");
    if (expect != null && requireObject(expect, path + ".expect")) {
      unknownKeys(expect, path + ".expect", Set.of("status", "json", "maxLatencyMs", "bodyContains"));
      checkIntegers(expect.get("status"), path + ".expect.status", 100, 599);
      JsonNode json = expect.get("json");
      if (json != null && requireObject(json, path + ".expect.json")) {
        json.fieldNames()
            .forEachRemaining(
                pointer -> {
                  if (!pointer.isEmpty() && !pointer.startsWith("/")) {
                    problem(path + ".expect.json." + pointer, "keys are JSON Pointers and start with '/'");
                  }
                });
      }
      JsonNode latency = expect.get("maxLatencyMs");
      if (latency != null && (!latency.isIntegralNumber() || latency.asLong() < 1)) {
        problem(path + ".expect.maxLatencyMs", "must be a positive whole number of milliseconds");
      }
    }
  }

  private void checkRerun(JsonNode spec, String path, Phase phase, JsonNode phases) {
    if (!spec.isTextual()) {
      problem(path, "must name an earlier phase, e.g. 'rerun: smoke'");
      return;
    }
    Optional<Phase> target = Phase.fromKey(spec.asText());
    if (target.isEmpty() || target.get() == Phase.SIGNOFF) {
      problem(path, "'" + spec.asText() + "' is not a phase with steps; phases are " + phaseKeys());
      return;
    }
    if (target.get().ordinal() >= phase.ordinal()) {
      problem(path, "can only rerun an earlier phase; '" + target.get().key() + "' does not run before '" + phase.key() + "'");
      return;
    }
    JsonNode steps = phases.get(target.get().key());
    if (steps == null || !steps.isArray() || steps.isEmpty()) {
      problem(path, "phase '" + target.get().key() + "' has no steps to rerun");
      return;
    }
    for (JsonNode s : steps) {
      if (s.has("rerun")) {
        problem(path, "phase '" + target.get().key() + "' itself contains a rerun step; reruns do not nest");
        return;
      }
    }
  }

  private void checkSql(JsonNode spec, String path) {
    if (checkTargetRef(spec, "target", path, "postgres") && spec.path("write").asBoolean(false)) {
      checkWritable(spec.get("target").asText(), path + ".target");
    }
    if (!spec.isObject()) {
      return;
    }
    unknownKeys(spec, path, Set.of("target", "query", "write", "timeout", "expect"));
    requireText(spec, "query", path);
    checkBoolean(spec.get("write"), path + ".write");
    checkDuration(spec.get("timeout"), path + ".timeout");
    JsonNode expect = spec.get("expect");
    if (expect == null || !requireObject(expect, path + ".expect")) {
      return;
    }
    unknownKeys(expect, path + ".expect", Set.of("rows", "value", "empty"));
    JsonNode rows = expect.get("rows");
    if (rows != null && !(rows.isTextual() && SqlSpec.Expect.isComparison(rows.asText()))) {
      problem(path + ".expect.rows", "must be a comparison with a row count, e.g. \">0\", \"==0\", \">=1\", \"<10\"");
    }
    JsonNode value = expect.get("value");
    if (value != null && !value.isValueNode()) {
      problem(path + ".expect.value", "must be a single value (the query's one column of one row)");
    }
    checkBoolean(expect.get("empty"), path + ".expect.empty");
    if (expect.path("empty").asBoolean(false) && (rows != null || value != null)) {
      problem(path + ".expect.empty", "'empty: true' cannot be combined with 'rows' or 'value'");
    }
  }

  private void checkSnapshot(JsonNode spec, String path, String stepName) {
    checkTargetRef(spec, "from", path, "postgres");
    if (!spec.isObject()) {
      return;
    }
    unknownKeys(spec, path, Set.of("from", "jobs", "compress", "schemas", "excludeSchemas", "tables", "excludeTables",
        "noOwner", "noPrivileges", "only", "timeout"));
    checkWholeNumber(spec.get("jobs"), path + ".jobs", 1, 32);
    checkWholeNumber(spec.get("compress"), path + ".compress", 0, 9);
    for (String list : List.of("schemas", "excludeSchemas", "tables", "excludeTables")) {
      checkStringList(spec.get(list), path + "." + list);
    }
    checkBoolean(spec.get("noOwner"), path + ".noOwner");
    checkBoolean(spec.get("noPrivileges"), path + ".noPrivileges");
    JsonNode only = spec.get("only");
    if (only != null && !Set.of("schema", "data").contains(only.asText())) {
      problem(path + ".only", "must be 'schema' or 'data' (leave it out for both)");
    }
    checkDuration(spec.get("timeout"), path + ".timeout");
    snapshots.put(stepName, only == null ? "" : only.asText());
  }

  private void checkRestore(JsonNode spec, String path, JsonNode phases) {
    if (checkTargetRef(spec, "to", path, "postgres")) {
      checkWritable(spec.get("to").asText(), path + ".to");
    }
    if (!spec.isObject()) {
      return;
    }
    unknownKeys(spec, path, Set.of("to", "from", "mode", "jobs", "noOwner", "noPrivileges", "timeout"));
    JsonNode from = spec.get("from");
    if (from == null) {
      List<String> all = snapshotStepNames(phases);
      if (all.size() != 1) {
        problem(path + ".from", "is required: name the postgres.snapshot step to restore (the plan has "
            + (all.isEmpty() ? "none" : all.size() + ": " + all) + ")");
      } else if (!snapshots.containsKey(all.get(0))) {
        problem(path, "the snapshot step '" + all.get(0) + "' does not run before this restore");
      } else {
        checkRestorable(all.get(0), path);
      }
    } else if (!snapshots.containsKey(from.asText())) {
      problem(path + ".from", "'" + from.asText() + "' is not a postgres.snapshot step that runs before this restore");
    } else {
      checkRestorable(from.asText(), path + ".from");
    }
    JsonNode mode = spec.get("mode");
    if (mode != null && !Set.of("recreate", "clean").contains(mode.asText())) {
      problem(path + ".mode", "must be 'recreate' (drop and create the database) or 'clean' (pg_restore --clean --if-exists)");
    }
    checkWholeNumber(spec.get("jobs"), path + ".jobs", 1, 32);
    checkBoolean(spec.get("noOwner"), path + ".noOwner");
    checkBoolean(spec.get("noPrivileges"), path + ".noPrivileges");
    checkDuration(spec.get("timeout"), path + ".timeout");
  }

  private void checkLoad(JsonNode spec, String path) {
    // Load is never aimed at production: it is heavy traffic, and its requests may write.
    if (checkTargetRef(spec, "target", path, "http")) {
      checkWritable(spec.get("target").asText(), path + ".target");
    }
    if (!spec.isObject()) {
      return;
    }
    unknownKeys(spec, path, Set.of("target", "model", "rate", "stages", "duration", "warmup", "concurrency",
        "requestTimeout", "window", "requests", "probes", "gates", "baseline", "timeout"));
    JsonNode model = spec.get("model");
    if (model != null && !Set.of("open", "closed").contains(model.asText())) {
      problem(path + ".model", "must be 'open' (a fixed arrival rate, the default) or 'closed' (a fixed number of users)");
    }
    boolean closed = model != null && "closed".equals(model.asText());
    JsonNode rate = spec.get("rate");
    if (rate != null && (!rate.isNumber() || rate.asDouble() <= 0 || rate.asDouble() > 100_000)) {
      problem(path + ".rate", "must be a number of requests per second above 0 and at most 100000");
    }
    JsonNode stages = spec.get("stages");
    if (stages != null) {
      if (!stages.isArray() || stages.isEmpty()) {
        problem(path + ".stages", "must be a list of { duration, rate }");
      } else {
        for (int i = 0; i < stages.size(); i++) {
          String p = path + ".stages[" + i + "]";
          if (requireObject(stages.get(i), p)) {
            unknownKeys(stages.get(i), p, Set.of("duration", "rate"));
            if (stages.get(i).get("duration") == null) {
              problem(p + ".duration", "is required");
            }
            checkDuration(stages.get(i).get("duration"), p + ".duration");
            JsonNode r = stages.get(i).get("rate");
            if (r == null || !r.isNumber() || r.asDouble() < 0 || r.asDouble() > 100_000) {
              problem(p + ".rate", "is required: requests per second from 0 to 100000 at the end of the stage");
            }
          }
        }
      }
    }
    if (closed && (rate != null || stages != null)) {
      problem(path + ".model", "a closed model has no arrival rate; set 'concurrency' (users) and 'duration'");
    }
    if (!closed && rate == null && stages == null) {
      problem(path + ".rate", "is required for the open model (or give 'stages')");
    }
    if (stages == null && spec.get("duration") == null) {
      problem(path + ".duration", "is required (how long the load holds)");
    }
    for (String d : List.of("duration", "warmup", "requestTimeout", "window", "timeout")) {
      checkDuration(spec.get(d), path + "." + d);
    }
    atLeast(spec.get("window"), path + ".window", java.time.Duration.ofSeconds(1));
    checkLoadFitsTimeout(spec, path);
    checkWholeNumber(spec.get("concurrency"), path + ".concurrency", 1, 10_000);
    checkLoadRequests(spec.get("requests"), path + ".requests");
    boolean health = false;
    boolean queue = false;
    JsonNode probes = spec.get("probes");
    if (probes != null && requireObject(probes, path + ".probes")) {
      unknownKeys(probes, path + ".probes", Set.of("health", "queue"));
      JsonNode h = probes.get("health");
      if (h != null && requireObject(h, path + ".probes.health")) {
        health = true;
        unknownKeys(h, path + ".probes.health", Set.of("path", "interval", "json", "healthy"));
        checkProbePath(h, path + ".probes.health");
        checkPointer(h.get("json"), path + ".probes.health.json");
        checkStringList(h.get("healthy"), path + ".probes.health.healthy");
        if (h.has("json") != h.has("healthy")) {
          problem(path + ".probes.health", "'json' (where the state is) and 'healthy' (its healthy values) go together");
        }
      }
      JsonNode q = probes.get("queue");
      if (q != null && requireObject(q, path + ".probes.queue")) {
        queue = true;
        unknownKeys(q, path + ".probes.queue", Set.of("path", "interval", "json", "prometheus", "drain"));
        checkProbePath(q, path + ".probes.queue");
        checkPointer(q.get("json"), path + ".probes.queue.json");
        checkDuration(q.get("drain"), path + ".probes.queue.drain");
        if (q.has("json") == q.has("prometheus")) {
          problem(path + ".probes.queue", "give exactly one of 'json' (a JSON Pointer) or 'prometheus' (a metric name)");
        }
      }
    }
    JsonNode gates = spec.get("gates");
    if (gates != null && requireObject(gates, path + ".gates")) {
      boolean hasHealth = health;
      boolean hasQueue = queue;
      gates.fields().forEachRemaining(e -> checkGate(e.getKey(), e.getValue(), path + ".gates." + e.getKey(), hasHealth, hasQueue));
    }
    JsonNode baseline = spec.get("baseline");
    if (baseline != null && requireObject(baseline, path + ".baseline")) {
      unknownKeys(baseline, path + ".baseline", Set.of("tolerance"));
      JsonNode t = baseline.get("tolerance");
      if (t == null || !t.isNumber() || t.asDouble() < 0 || t.asDouble() > 10) {
        problem(path + ".baseline.tolerance", "is required: the worsening allowed, e.g. 0.10 for 10%");
      }
    }
  }

  private void checkLoadRequests(JsonNode requests, String path) {
    if (requests == null || !requests.isArray() || requests.isEmpty()) {
      problem(path, "is required: a list of { name, path, method, headers, body, weight, expectStatus }");
      return;
    }
    Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < requests.size(); i++) {
      String p = path + "[" + i + "]";
      JsonNode r = requests.get(i);
      if (!requireObject(r, p)) {
        continue;
      }
      unknownKeys(r, p, Set.of("name", "path", "method", "headers", "body", "weight", "expectStatus"));
      if (requireText(r, "name", p) && !names.add(r.get("name").asText())) {
        problem(p + ".name", "duplicate request name '" + r.get("name").asText() + "'");
      }
      JsonNode rp = r.get("path");
      if (rp == null || !rp.isTextual() || !rp.asText().startsWith("/")) {
        problem(p + ".path", "is required and must start with '/'");
      }
      JsonNode method = r.get("method");
      if (method != null && !HTTP_METHODS.contains(method.asText().toUpperCase(java.util.Locale.ROOT))) {
        problem(p + ".method", "must be one of " + HTTP_METHODS);
      }
      checkStringMap(r.get("headers"), p + ".headers");
      checkWholeNumber(r.get("weight"), p + ".weight", 1, 1_000_000);
      checkIntegers(r.get("expectStatus"), p + ".expectStatus", 100, 599);
    }
  }

  private void checkProbePath(JsonNode probe, String path) {
    JsonNode p = probe.get("path");
    if (p == null || !p.isTextual() || !p.asText().startsWith("/")) {
      problem(path + ".path", "is required and must start with '/'");
    }
    checkDuration(probe.get("interval"), path + ".interval");
    atLeast(probe.get("interval"), path + ".interval", java.time.Duration.ofMillis(100));
  }

  private void atLeast(JsonNode duration, String path, java.time.Duration minimum) {
    Durations.tryParse(duration == null ? null : duration.asText(null))
        .filter(d -> d.compareTo(minimum) < 0)
        .ifPresent(d -> problem(path, "must be at least " + minimum.toMillis() + "ms"));
  }

  /**
   * A load that cannot finish within its step's timeout would be killed and retried forever: warm-up, load, drain and
   * one request timeout must fit in the step's own timeout, or else the plan's default, or else the built-in one.
   */
  private void checkLoadFitsTimeout(JsonNode spec, String path) {
    java.time.Duration needed = java.time.Duration.ZERO;
    for (String d : List.of("warmup", "duration", "requestTimeout")) {
      needed = needed.plus(Durations.tryParse(spec.path(d).asText(null)).orElse(java.time.Duration.ZERO));
    }
    for (JsonNode stage : spec.path("stages")) {
      needed = needed.plus(Durations.tryParse(stage.path("duration").asText(null)).orElse(java.time.Duration.ZERO));
    }
    needed = needed.plus(Durations.tryParse(spec.path("probes").path("queue").path("drain").asText(null)).orElse(java.time.Duration.ZERO));
    String timeout = spec.has("timeout") ? spec.get("timeout").asText() : planDefaultTimeout;
    java.time.Duration allowed = Durations.tryParse(timeout == null ? LoadSpec.DEFAULT_TIMEOUT : timeout).orElse(null);
    if (allowed != null && needed.plusMinutes(1).compareTo(allowed) > 0) {
      problem(spec.has("timeout") ? path + ".timeout" : path, "the load needs about " + needed.plusMinutes(1).toMinutes()
          + " minutes (warm-up, load, drain, a request timeout and a minute's margin) but the step's timeout is " + timeout
          + (spec.has("timeout") ? "" : " (the plan's default)") + "; set a longer 'timeout' on the step");
    }
  }

  private void checkPointer(JsonNode pointer, String path) {
    if (pointer != null && (!pointer.isTextual() || !pointer.asText().startsWith("/"))) {
      problem(path, "must be a JSON Pointer starting with '/'");
    }
  }

  private void checkGate(String name, JsonNode gate, String path, boolean health, boolean queue) {
    if (!LOAD_GATES.contains(name)) {
      problem(path, "unknown gate; gates are " + LOAD_GATES.stream().sorted().toList());
      return;
    }
    if (!requireObject(gate, path)) {
      return;
    }
    unknownKeys(gate, path, Set.of("pass", "warn", "worst"));
    JsonNode pass = gate.get("pass");
    JsonNode warn = gate.get("warn");
    if (!name.equals("queueDrain") && (pass == null || !pass.isNumber() || pass.asDouble() < 0)) {
      problem(path + ".pass", "is required: the largest value that passes");
    }
    if (warn != null && (!warn.isNumber() || (pass != null && pass.isNumber() && warn.asDouble() < pass.asDouble()))) {
      problem(path + ".warn", "must be a number at least 'pass' (values above it FAIL)");
    }
    JsonNode worst = gate.get("worst");
    if (worst != null && !Set.of("WARN", "FAIL").contains(worst.asText())) {
      problem(path + ".worst", "must be WARN or FAIL: the worst verdict this gate can give");
    }
    if ((name.equals("degradedShare") || name.equals("transitions")) && !health) {
      problem(path, "needs a health probe: add probes.health");
    }
    if (name.equals("probeFailureRate") && !health && !queue) {
      problem(path, "needs a probe: add probes.health or probes.queue");
    }
    if (name.equals("queueDrain") && !queue) {
      problem(path, "needs a queue probe with a drain phase: add probes.queue");
    }
  }

  private void checkRestorable(String snapshot, String path) {
    if ("data".equals(snapshots.get(snapshot))) {
      problem(path, "snapshot '" + snapshot + "' is data-only; a data-only snapshot is a backup and cannot be restored "
          + "into a recreated or cleaned database");
    }
  }

  /** Names of every {@code postgres.snapshot} step of a plan's phases, in plan order. */
  static List<String> snapshotStepNames(JsonNode phases) {
    List<String> names = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      JsonNode steps = phases.path(phase.key());
      if (steps.isArray()) {
        steps.forEach(step -> {
          if (step.has(StepKind.POSTGRES_SNAPSHOT.key())) {
            names.add(step.path("name").asText());
          }
        });
      }
    }
    return names;
  }

  private void checkWholeNumber(JsonNode node, String path, int min, int max) {
    if (node != null && (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max)) {
      problem(path, "must be a whole number from " + min + " to " + max);
    }
  }

  private void checkStringList(JsonNode node, String path) {
    if (node == null) {
      return;
    }
    if (!node.isArray()) {
      problem(path, "must be a list of names");
      return;
    }
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
        problem(path + "[" + i + "]", "must be a non-empty string");
      }
    }
  }

  /** Checks that {@code spec.key} names a target of the given type; true when it does. */
  private boolean checkTargetRef(JsonNode spec, String key, String path, String type) {
    if (!requireObject(spec, path) || !requireText(spec, key, path)) {
      return false;
    }
    String name = spec.get(key).asText();
    Optional<JsonNode> target = target(name, path + "." + key);
    if (target.isPresent() && !target.get().has(type)) {
      problem(path + "." + key, "target '" + name + "' is not a " + type + " target");
      return false;
    }
    return target.isPresent();
  }

  private Optional<JsonNode> target(String name, String path) {
    JsonNode t = targets == null ? null : targets.get(name);
    if (t == null) {
      problem(path, "unknown target '" + name + "'" + (targets == null ? " (the plan has no targets)" : ""));
      return Optional.empty();
    }
    return Optional.of(t);
  }

  private void checkWritable(String name, String path) {
    JsonNode t = targets.get(name);
    if (t.path("readOnly").asBoolean(false)) {
      problem(path, "target '" + name + "' is readOnly; Rehearsal never writes to it");
      return;
    }
    String address = t.has("postgres") ? t.path("postgres").path("url").asText("") : t.path("http").path("baseUrl").asText("");
    ProductionGuard.matchingPattern(address, guardPatterns)
        .ifPresent(
            pattern ->
                problem(path, "target '" + name + "' matches production guard pattern '" + pattern
                    + "' (host or database name); Rehearsal never writes to it"));
  }

  private void checkReferences(JsonNode node, String path, Set<String> parameters) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> checkReferences(e.getValue(), join(path, e.getKey()), parameters));
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
            problem(path, "parameter '" + name + "' is not given; the run has " + parameters);
          }
        } else if (!References.isSecret(body) && References.looksIntended(body)) {
          problem(path, "unknown reference '${" + body + "}'; use ${parameters.NAME}, ${env:NAME} or ${file:PATH}");
        }
      }
    }
  }

  private void checkRetry(JsonNode retry, String path) {
    if (retry == null || !requireObject(retry, path)) {
      return;
    }
    unknownKeys(retry, path, Set.of("maxAttempts", "initialInterval", "backoffCoefficient", "maximumInterval"));
    JsonNode max = retry.get("maxAttempts");
    if (max != null && (!max.isIntegralNumber() || max.asInt() < 1 || max.asInt() > 100)) {
      problem(path + ".maxAttempts", "must be a whole number from 1 to 100");
    }
    checkDuration(retry.get("initialInterval"), path + ".initialInterval");
    checkDuration(retry.get("maximumInterval"), path + ".maximumInterval");
    Optional<java.time.Duration> initial = Durations.tryParse(retry.path("initialInterval").asText(null));
    Optional<java.time.Duration> maximum = Durations.tryParse(retry.path("maximumInterval").asText(null));
    if (initial.isPresent() && maximum.isPresent() && initial.get().compareTo(maximum.get()) > 0) {
      problem(path + ".maximumInterval", "must not be shorter than initialInterval");
    }
    JsonNode coefficient = retry.get("backoffCoefficient");
    if (coefficient != null && (!coefficient.isNumber() || coefficient.asDouble() < 1.0)) {
      problem(path + ".backoffCoefficient", "must be a number of at least 1.0");
    }
  }

  private void checkDuration(JsonNode node, String path) {
    if (node == null) {
      return;
    }
    Optional<java.time.Duration> duration = node.isTextual() ? Durations.tryParse(node.asText()) : Optional.empty();
    if (duration.isEmpty()) {
      problem(path, "'" + node.asText() + "' is not a duration; write e.g. 500ms, 30s, 5m, 2h, 1h30m, 3d");
    } else if (duration.get().compareTo(LONGEST) > 0) {
      problem(path, "must be at most 365d");
    }
  }

  private void checkIntegers(JsonNode node, String path, int min, int max) {
    if (node == null) {
      return;
    }
    List<JsonNode> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(values::add);
    } else {
      values.add(node);
    }
    for (JsonNode v : values) {
      if (!v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
        problem(path, "must be a whole number from " + min + " to " + max + ", or a list of them");
        return;
      }
    }
  }

  private void checkRegex(JsonNode node, String path) {
    if (node == null) {
      return;
    }
    try {
      Pattern.compile(node.asText());
    } catch (PatternSyntaxException e) {
      problem(path, "is not a valid regular expression: " + e.getDescription());
    }
  }

  private void checkStringMap(JsonNode node, String path) {
    if (node == null || !requireObject(node, path)) {
      return;
    }
    node.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                problem(path + "." + e.getKey(), "must be a string");
              }
            });
  }

  private void checkBoolean(JsonNode node, String path) {
    if (node != null && !node.isBoolean()) {
      problem(path, "must be true or false");
    }
  }

  private boolean requireText(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      problem(join(path, key), "is required and must be a non-empty string");
      return false;
    }
    return true;
  }

  private boolean requireObject(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      problem(path, "must be a mapping");
      return false;
    }
    return true;
  }

  private void unknownKeys(JsonNode node, String path, Set<String> allowed) {
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!allowed.contains(k)) {
                problem(join(path, k), "unknown key; allowed here: " + allowed.stream().sorted().toList());
              }
            });
  }

  private void problem(String path, String message) {
    problems.add(new PlanProblem(path, message));
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static List<String> phaseKeys() {
    return java.util.Arrays.stream(Phase.values()).map(Phase::key).toList();
  }

  private static List<String> kindList() {
    return java.util.Arrays.stream(StepKind.values()).map(StepKind::key).toList();
  }
}
