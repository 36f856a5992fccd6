package dev.rehearsal.worker;

import dev.rehearsal.activities.secrets.SecretAllowList;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on the secrets plans may reference, per environment:
 * <pre>
 * rehearsal.secrets.allowed:
 *   staging: { env: [STAGING_DATABASE_URL], files: ["/etc/rehearsal/secrets/*"] }
 * </pre>
 *
 * @param allowed by plan environment; once one environment has an entry, an environment without one may reference
 *     no secret
 */
@ConfigurationProperties("rehearsal.secrets")
public record SecretsProperties(Map<String, SecretAllowList.Allowed> allowed) {
  public SecretsProperties {
    allowed = allowed == null ? Map.of() : Map.copyOf(allowed);
  }

  /** The allow-list, refusing also {@code workerFiles}: the worker's configuration files and data directory. */
  public SecretAllowList allowList(List<Path> workerFiles) {
    return new SecretAllowList(allowed, workerFiles);
  }
}
