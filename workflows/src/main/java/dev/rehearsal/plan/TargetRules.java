package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** The plan's {@code targets}: each exactly one of a PostgreSQL database or an HTTP service. */
final class TargetRules {
  /** {@code description} is for readers only: it is allowed but not bound. */
  private static final Set<String> KEYS = RecordKeys.of(TargetSpec.class, "description");
  private static final Set<String> POSTGRES_KEYS = RecordKeys.of(TargetSpec.Postgres.class);
  private static final Set<String> HTTP_KEYS = RecordKeys.of(TargetSpec.Http.class);

  private final JsonChecks checks;

  TargetRules(JsonChecks checks) {
    this.checks = checks;
  }

  void check(JsonNode targets) {
    targets.fields().forEachRemaining(e -> checkTarget(e.getValue(), "targets." + e.getKey()));
  }

  private void checkTarget(JsonNode t, String path) {
    if (!checks.requireObject(t, path)) {
      return;
    }
    checks.unknownKeys(t, path, KEYS);
    boolean pg = t.has("postgres");
    boolean http = t.has("http");
    if (pg == http) {
      checks.problem(path, "a target is exactly one of 'postgres' or 'http'");
    }
    if (pg && checks.requireObject(t.get("postgres"), path + ".postgres")) {
      checks.unknownKeys(t.get("postgres"), path + ".postgres", POSTGRES_KEYS);
      checks.requireText(t.get("postgres"), "url", path + ".postgres");
    }
    if (http && checks.requireObject(t.get("http"), path + ".http")) {
      checks.unknownKeys(t.get("http"), path + ".http", HTTP_KEYS);
      if (checks.requireText(t.get("http"), "baseUrl", path + ".http")) {
        checks.checkHttpUrl(t.get("http").get("baseUrl").asText(), path + ".http.baseUrl");
      }
      checks.checkStringMap(t.get("http").get("headers"), path + ".http.headers");
    }
    checks.checkBoolean(t.get("readOnly"), path + ".readOnly");
  }
}
