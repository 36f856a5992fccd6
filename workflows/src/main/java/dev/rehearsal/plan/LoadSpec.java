package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.workflows.load.LoadActivities;
import dev.rehearsal.workflows.load.LoadInput;
import dev.rehearsal.workflows.load.LoadResult;
import dev.rehearsal.workflows.steps.StepGates;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.workflows.steps.StepRun;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code load} step: HTTP load against a target, measured from each request's intended send time, judged by gates.
 *
 * <p>Open model (default): requests arrive at {@code rate} per second (or follow {@code stages}, each ramping
 * linearly from the previous stage's rate, the first from 0) whatever the server does; {@code concurrency} bounds
 * the connections in use. Closed model: {@code concurrency} users each send their next request when the last one
 * answered. {@code warmup} runs first at the starting rate and is excluded from every figure.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoadSpec(
    String target,
    Model model,
    Double rate,
    List<Stage> stages,
    String duration,
    String warmup,
    Integer concurrency,
    String requestTimeout,
    String window,
    List<Request> requests,
    Probes probes,
    Map<String, GateSpec> gates,
    BaselineSpec baseline,
    String timeout) implements StepBody {

  public static final int DEFAULT_CONCURRENCY = 64;
  public static final String DEFAULT_REQUEST_TIMEOUT = "10s";
  public static final String DEFAULT_WINDOW = "5s";
  /** Long enough for a long soak; the activity heartbeats, so a dead worker is still noticed in seconds. */
  public static final String DEFAULT_TIMEOUT = "2h";

  public LoadSpec {
    model = model == null ? Model.open : model;
    stages = stages == null ? List.of() : List.copyOf(stages);
    requests = requests == null ? List.of() : List.copyOf(requests);
    probes = probes == null ? Probes.NONE : probes;
    // In the plan's order, so gates read in the order their author wrote them.
    gates = gates == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(gates));
  }

  public enum Model {
    open,
    closed
  }

  /** Ramp linearly from the previous stage's rate to {@code rate} over {@code duration}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Stage(String duration, double rate) {}

  /** One kind of request; requests are picked at random in proportion to {@code weight} (default 1). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Request(
      String name,
      String path,
      String method,
      Map<String, String> headers,
      JsonNode body,
      Integer weight,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Integer> expectStatus) {
    public Request {
      method = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      weight = weight == null ? 1 : weight;
      expectStatus = expectStatus == null || expectStatus.isEmpty() ? List.of(200) : List.copyOf(expectStatus);
      body = body == null || body.isNull() ? null : body;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Probes(HealthProbe health, QueueProbe queue) {
    public static final Probes NONE = new Probes(null, null);
  }

  /**
   * Polled through warm-up and load: the target is healthy when the probe answers 200 and, with {@code json}, the
   * value at that JSON Pointer is one of {@code healthy}; anything else (errors included) is degraded.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record HealthProbe(String path, String interval, String json, List<String> healthy) {
    public HealthProbe {
      healthy = healthy == null ? List.of() : List.copyOf(healthy);
    }
  }

  /**
   * A queue depth polled through load and then {@code drain} more: from JSON ({@code json}, a JSON Pointer) or
   * Prometheus text ({@code prometheus}, a metric name, optionally with labels as written in the exposition).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record QueueProbe(String path, String interval, String json, String prometheus, String drain) {}

  /**
   * Bounds for one figure: at most {@code pass} is PASS, at most {@code warn} is WARN, beyond is FAIL. {@code worst:
   * WARN} caps the verdict (seed 001: more than 4 state transitions is a WARN, never a FAIL on its own). For {@code
   * queueDrain} the bounds are those of seed 001 and need not be given.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record GateSpec(Double pass, Double warn, String worst) {}

  /** Compare with the last signed-off rehearsal of the same plan and environment; worse by more than tolerance is a WARN. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record BaselineSpec(Double tolerance) {}

  /** Runs the load; its gates join the run's, and a FAIL among them fails the step (not retried). */
  @Override
  public StepResult execute(StepRun step) {
    LoadResult result = step.activities(LoadActivities.class).runLoad(new LoadInput(step.name(), this,
        step.timeoutMillis(), target, step.target(target), step.guard(), step.plan().name(), step.plan().environment()));
    return StepGates.join(step, result.step(), result.gates());
  }

  /** A {@code load} step: the traffic model, its shape over time, the requests sent, and the baseline comparison. */
  static final class Rules extends StepRules {
    private static final Set<String> KEYS = RecordKeys.of(LoadSpec.class);
    private static final Set<String> STAGE_KEYS = RecordKeys.of(LoadSpec.Stage.class);
    private static final Set<String> REQUEST_KEYS = RecordKeys.of(LoadSpec.Request.class);
    private static final Set<String> BASELINE_KEYS = RecordKeys.of(LoadSpec.BaselineSpec.class);
    private static final Set<String> MODELS = RecordKeys.names(LoadSpec.Model.class);

    private final LoadProbeAndGateRules probesAndGates;

    Rules(JsonChecks checks, PlanCrossChecks cross) {
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
      checkBaseline(checks, spec.get("baseline"), path + ".baseline");
    }

    /** A baseline comparison (of a load step or a gate on a report): the worsening tolerated. */
    static void checkBaseline(JsonChecks checks, JsonNode baseline, String path) {
      if (baseline != null && checks.requireObject(baseline, path)) {
        checks.unknownKeys(baseline, path, BASELINE_KEYS);
        JsonNode t = baseline.get("tolerance");
        if (t == null || !t.isNumber() || t.asDouble() < 0 || t.asDouble() > 10) {
          checks.problem(path + ".tolerance", "is required: the worsening allowed, e.g. 0.10 for 10%");
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
        HttpSpec.Rules.checkMethod(checks, r.get("method"), p + ".method");
        checks.checkStringMap(r.get("headers"), p + ".headers");
        checks.checkWholeNumber(r.get("weight"), p + ".weight", 1, 1_000_000);
        checks.checkIntegers(r.get("expectStatus"), p + ".expectStatus", 100, 599);
      }
    }
  }
}
