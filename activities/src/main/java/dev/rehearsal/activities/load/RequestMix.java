package dev.rehearsal.activities.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.plan.LoadSpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The spec's requests, built once (an {@link HttpRequest} is immutable and can be sent many times) and picked at
 * random in proportion to their weights. Requests sharing a name share their statistics.
 */
final class RequestMix {
  /** One kind of request, ready to send. */
  record Template(String name, HttpRequest request, Set<Integer> expectStatus, NameRecorders stats) {
    boolean expected(int status) {
      return expectStatus.contains(status);
    }
  }

  private final List<Template> templates = new ArrayList<>();
  private final long[] cumulativeWeights;
  private final Map<String, NameRecorders> byName = new LinkedHashMap<>();

  RequestMix(ResolvedLoad load, Duration timeout) {
    List<Long> cumulative = new ArrayList<>();
    long sum = 0;
    for (LoadSpec.Request r : load.spec().requests()) {
      if (r.weight() <= 0) {
        continue;
      }
      String name = r.name() == null || r.name().isBlank() ? r.method() + " " + r.path() : r.name();
      NameRecorders stats = byName.computeIfAbsent(name, NameRecorders::new);
      templates.add(new Template(name, build(load, r, timeout), Set.copyOf(r.expectStatus()), stats));
      sum += r.weight();
      cumulative.add(sum);
    }
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("no request of the load step has a positive weight");
    }
    cumulativeWeights = cumulative.stream().mapToLong(Long::longValue).toArray();
  }

  Template pick(SplittableRandom random) {
    if (templates.size() == 1) {
      return templates.get(0);
    }
    long ticket = random.nextLong(cumulativeWeights[cumulativeWeights.length - 1]);
    int lo = 0;
    int hi = cumulativeWeights.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulativeWeights[mid] > ticket) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return templates.get(lo);
  }

  Map<String, NameRecorders> byName() {
    return byName;
  }

  static URI resolve(URI base, String path) {
    if (path == null || path.isEmpty()) {
      return base;
    }
    if (path.startsWith("http://") || path.startsWith("https://")) {
      return URI.create(path);
    }
    String root = base.toString().replaceAll("/+$", "");
    return URI.create(root + (path.startsWith("/") ? path : "/" + path));
  }

  private static HttpRequest build(ResolvedLoad load, LoadSpec.Request r, Duration timeout) {
    String label = r.name() == null ? r.path() : r.name();
    try {
      HttpRequest.Builder builder = HttpRequest.newBuilder(resolve(load.baseUrl(), r.path())).timeout(timeout);
      load.headers().forEach(builder::setHeader);
      r.headers().forEach(builder::setHeader);
      HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
      JsonNode json = r.body();
      if (json != null) {
        body = HttpRequest.BodyPublishers.ofString(json.isTextual() ? json.asText() : json.toString());
        boolean typed = r.headers().keySet().stream().anyMatch("content-type"::equalsIgnoreCase)
            || load.headers().keySet().stream().anyMatch("content-type"::equalsIgnoreCase);
        if (!json.isTextual() && !typed) {
          builder.setHeader("Content-Type", "application/json");
        }
      }
      return builder.method(r.method(), body).build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("request " + label + ": " + e.getMessage(), e);
    }
  }
}
