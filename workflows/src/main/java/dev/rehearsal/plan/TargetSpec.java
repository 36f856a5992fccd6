package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** Something a step talks to: a PostgreSQL database or an HTTP service. URLs may hold {@code ${env:..}} references. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TargetSpec(Postgres postgres, Http http, boolean readOnly) {

  /** The address the production guard inspects (still unresolved: it may hold secret references). */
  public String address() {
    if (postgres != null) {
      return postgres.url();
    }
    return http == null ? null : http.baseUrl();
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Postgres(String url) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Http(String baseUrl, Map<String, String> headers) {
    public Http {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
  }
}
