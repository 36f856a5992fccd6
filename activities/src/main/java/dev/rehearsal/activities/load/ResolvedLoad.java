package dev.rehearsal.activities.load;

import dev.rehearsal.plan.LoadSpec;
import java.net.URI;
import java.util.Map;

/**
 * A {@code load} step ready to run: the target's base URL and headers with secrets already resolved by the caller
 * (the generator never sees secret references). Request paths in the spec are appended to {@code baseUrl}.
 */
public record ResolvedLoad(LoadSpec spec, URI baseUrl, Map<String, String> headers) {
  public ResolvedLoad {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
