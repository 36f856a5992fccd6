package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One value a step hands on to later steps, taken from exactly one source of what it produced: {@code json} (a JSON
 * Pointer into an http body or a command's stdout), {@code header} and {@code status} (http), {@code regex} (first
 * group on a command's stdout), {@code file} (a file a command wrote, relative to its working directory), {@code
 * column} (sql, first row). A {@code secret} one never leaves the workers (see docs/architecture.md).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputSpec(String json, String header, Boolean status, String regex, String file, String column, Boolean secret) {

  /** Whether the value is a secret (named in history and state, its value kept only on the workers). */
  public boolean keptSecret() {
    return Boolean.TRUE.equals(secret);
  }
}
