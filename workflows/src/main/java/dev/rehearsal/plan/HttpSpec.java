package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** One HTTP request against a target's base URL, and what its response must look like. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HttpSpec(
    String target,
    String path,
    String method,
    Map<String, String> headers,
    JsonNode body,
    String timeout,
    Expect expect) {

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

  /** Expected status codes, JSON Pointer assertions on the body, and a latency budget. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Expect(
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Integer> status,
      Map<String, JsonNode> json,
      Long maxLatencyMs,
      String bodyContains) {
    public static final Expect OK = new Expect(List.of(200), null, null, null);

    public Expect {
      status = status == null || status.isEmpty() ? List.of(200) : List.copyOf(status);
      json = json == null ? Map.of() : Map.copyOf(json);
    }
  }
}
