package dev.rehearsal.worker;

import dev.rehearsal.activities.secrets.SecretAllowList;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on the secrets plans may reference, per environment:
 * <pre>
 * rehearsal.secrets.allowed:
 *   staging: { env: [STAGING_DATABASE_URL], files: ["/etc/rehearsal/secrets/*"] }
 * </pre>
 *
 * @param allowed by plan environment; an environment without an entry may reference any secret of the worker
 */
@ConfigurationProperties("rehearsal.secrets")
public record SecretsProperties(Map<String, SecretAllowList.Allowed> allowed) {
  public SecretsProperties {
    allowed = allowed == null ? Map.of() : Map.copyOf(allowed);
  }

  public SecretAllowList allowList() {
    return new SecretAllowList(allowed);
  }
}
