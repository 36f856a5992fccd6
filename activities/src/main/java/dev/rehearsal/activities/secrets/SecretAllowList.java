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
 * glob ({@code *} within one directory, {@code **} across). Once any environment has an entry, an environment without
 * one may reference nothing: the plan's author names the environment, so leaving it out must not lift the limit. With
 * no entries at all, every secret is allowed but the worker's own: its configuration ({@code REHEARSAL_*} and
 * {@code SPRING_*} variables, its configuration files) and its data directory, which hold the users' tokens and the
 * evidence. Those are never a plan's secret, whatever the list says.
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

  /** Prefixes of the variables that configure the worker itself (Spring's relaxed binding of rehearsal.* and spring.*). */
  private static final List<String> WORKER_VARIABLES = List.of("REHEARSAL_", "SPRING_");

  private final Map<String, Allowed> byEnvironment;
  private final List<Path> workerFiles;

  public SecretAllowList(Map<String, Allowed> byEnvironment) {
    this(byEnvironment, List.of());
  }

  /** @param workerFiles the worker's own files and directories (configuration, data), never resolved for a plan */
  public SecretAllowList(Map<String, Allowed> byEnvironment, List<Path> workerFiles) {
    this.byEnvironment = byEnvironment == null ? Map.of() : Map.copyOf(byEnvironment);
    this.workerFiles = workerFiles.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** The worker's own files and directories, absolute. */
  public List<Path> workerFiles() {
    return workerFiles;
  }

  /** Whether only the worker's own secrets are refused, whatever the run's environment. */
  public boolean restrictsNoEnvironment() {
    return byEnvironment.isEmpty();
  }

  /**
   * Why a plan for {@code environment} may not reference {@code reference} (the body of {@code ${...}}, e.g.
   * {@code env:DB_URL}); empty when it may.
   */
  public Optional<String> refusal(String environment, String reference) {
    Optional<String> workers = workerOwn(reference);
    if (workers.isPresent() || byEnvironment.isEmpty()) {
      return workers;
    }
    Allowed allowed = byEnvironment.get(environment);
    if (allowed == null) {
      return Optional.of("${" + reference + "}: plans for environment " + environment + " may reference no secret"
          + " (rehearsal.secrets.allowed has no entry for it)");
    }
    if (allowed.allows(reference)) {
      return Optional.empty();
    }
    return Optional.of("${" + reference + "} is not among the secrets plans for environment " + environment
        + " may reference (rehearsal.secrets.allowed." + environment + ")");
  }

  /** Why {@code reference} names the worker's own configuration or data (empty when it does not). */
  public Optional<String> workerOwn(String reference) {
    boolean own;
    if (reference.startsWith("env:")) {
      String name = reference.substring("env:".length()).toUpperCase(java.util.Locale.ROOT);
      own = WORKER_VARIABLES.stream().anyMatch(name::startsWith);
    } else {
      Path path = Path.of(reference.substring("file:".length())).toAbsolutePath().normalize();
      own = workerFiles.stream().anyMatch(path::startsWith);
    }
    return own ? Optional.of("${" + reference + "} is the worker's own configuration or data, never a plan's secret")
        : Optional.empty();
  }
}
