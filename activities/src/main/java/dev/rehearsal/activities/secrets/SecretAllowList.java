package dev.rehearsal.activities.secrets;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which secrets plans for an environment may reference: {@code ${env:NAME}} by exact name, {@code ${file:PATH}} by
 * glob ({@code *} within one directory, {@code **} across). An environment with no entry is not restricted.
 */
public final class SecretAllowList {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** What one environment's plans may reference. */
  public record Allowed(List<String> env, List<String> files) {
    public Allowed {
      env = env == null ? List.of() : List.copyOf(env);
      files = files == null ? List.of() : List.copyOf(files);
      for (String name : env) {
        if (!ENV_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("not an environment variable name: " + name);
        }
      }
      for (String glob : files) {
        if (!glob.startsWith("/") || glob.contains("/../") || glob.endsWith("/..")) {
          throw new IllegalArgumentException("file patterns are absolute, without '..': " + glob);
        }
      }
    }

    boolean allows(String reference) {
      if (reference.startsWith("env:")) {
        return env.contains(reference.substring("env:".length()));
      }
      // Normalized first, so "/etc/rehearsal/secrets/../../shadow" is judged as /etc/shadow.
      Path path = Path.of(reference.substring("file:".length())).normalize();
      return path.isAbsolute() && files.stream().anyMatch(glob -> matcher(glob).matches(path));
    }

    private static PathMatcher matcher(String glob) {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }
  }

  private final Map<String, Allowed> byEnvironment;

  public SecretAllowList(Map<String, Allowed> byEnvironment) {
    this.byEnvironment = byEnvironment == null ? Map.of() : Map.copyOf(byEnvironment);
  }

  public boolean isEmpty() {
    return byEnvironment.isEmpty();
  }

  /**
   * Why a plan for {@code environment} may not reference {@code reference} (the body of {@code ${...}}, e.g.
   * {@code env:DB_URL}); empty when it may.
   */
  public Optional<String> refusal(String environment, String reference) {
    Allowed allowed = byEnvironment.get(environment);
    if (allowed == null || allowed.allows(reference)) {
      return Optional.empty();
    }
    return Optional.of("${" + reference + "} is not among the secrets plans for environment " + environment
        + " may reference (rehearsal.secrets.allowed." + environment + ")");
  }
}
