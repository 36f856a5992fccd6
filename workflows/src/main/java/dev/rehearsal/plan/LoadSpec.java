package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

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
    String timeout) {

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
}
