package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.workflows.steps.HttpStepInput;
import dev.rehearsal.workflows.steps.StepActivities;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.workflows.steps.StepRun;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One HTTP request against a target's base URL, and what its response must look like. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HttpSpec(
    String target,
    String path,
    String method,
    Map<String, String> headers,
    JsonNode body,
    String timeout,
    Expect expect) implements StepBody {

  public static final String DEFAULT_TIMEOUT = "30s";

  /** Whether the request may change the target: anything but GET, HEAD and OPTIONS. */
  public boolean writes() {
    return !java.util.Set.of("GET", "HEAD", "OPTIONS").contains(method);
  }

  public HttpSpec {
    method = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
    path = path == null ? "/" : path;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    expect = expect == null ? Expect.OK : expect;
  }

  /** Expected status codes, JSON Pointer checks on the body, response header checks, and a latency budget. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Expect(
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Integer> status,
      Map<String, JsonNode> json,
      Long maxLatencyMs,
      String bodyContains,
      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, JsonNode> headers) {
    public static final Expect OK = new Expect(List.of(200), null, null, null);

    public Expect(List<Integer> status, Map<String, JsonNode> json, Long maxLatencyMs, String bodyContains) {
      this(status, json, maxLatencyMs, bodyContains, null);
    }

    public Expect {
      status = status == null || status.isEmpty() ? List.of(200) : List.copyOf(status);
      json = json == null ? Map.of() : Map.copyOf(json);
    }
  }

  @Override
  public StepResult execute(StepRun step) {
    return step.activities(StepActivities.class).checkHttp(
        new HttpStepInput(step.name(), this, step.timeoutMillis(), target, step.target(target), step.guard(),
            step.outputRequest(), step.spec().until()));
  }

  /** An {@code http} step: one request to an HTTP target, and what its response must look like. */
  static final class Rules extends StepRules {
    private static final Set<String> KEYS = RecordKeys.of(HttpSpec.class);
    private static final Set<String> EXPECT_KEYS = RecordKeys.of(HttpSpec.Expect.class);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    Rules(JsonChecks checks, PlanCrossChecks cross) {
      super(checks, cross);
    }

    @Override
    void check(JsonNode spec, String path, StepSite site) {
      if (!checks.requireObject(spec, path)) {
        return;
      }
      checks.unknownKeys(spec, path, KEYS);
      JsonNode method = spec.get("method");
      boolean writes = method != null && !READ_METHODS.contains(method.asText().toUpperCase(Locale.ROOT));
      // A request that may change the target is a write: never to production.
      if (cross.checkTargetRef(spec, "target", path, "http") && writes) {
        cross.checkWritable(spec.get("target").asText(), path + ".target");
      }
      JsonNode p = spec.get("path");
      if (p != null && (!p.isTextual() || !p.asText().startsWith("/"))) {
        checks.problem(path + ".path", "must start with '/'");
      }
      checkMethod(checks, method, path + ".method");
      checks.checkStringMap(spec.get("headers"), path + ".headers");
      checks.checkDuration(spec.get("timeout"), path + ".timeout");
      JsonNode expect = spec.get("expect");
      if (expect != null && checks.requireObject(expect, path + ".expect")) {
        checkExpect(expect, path + ".expect");
      }
    }

    /** A method, where given, is one HTTP knows (in any case); load requests share this rule. */
    static void checkMethod(JsonChecks checks, JsonNode method, String path) {
      if (method != null && !METHODS.contains(method.asText().toUpperCase(Locale.ROOT))) {
        checks.problem(path, "must be one of " + METHODS);
      }
    }

    private void checkExpect(JsonNode expect, String path) {
      checks.unknownKeys(expect, path, EXPECT_KEYS);
      checks.checkIntegers(expect.get("status"), path + ".status", 100, 599);
      ExpectationRules expectations = new ExpectationRules(checks);
      expectations.checkPointers(expect.get("json"), path + ".json");
      expectations.checkHeaders(expect.get("headers"), path + ".headers");
      JsonNode latency = expect.get("maxLatencyMs");
      if (latency != null && (!latency.isIntegralNumber() || latency.asLong() < 1)) {
        checks.problem(path + ".maxLatencyMs", "must be a positive whole number of milliseconds");
      }
    }
  }
}
