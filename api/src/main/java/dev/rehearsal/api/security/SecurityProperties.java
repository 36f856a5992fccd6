package dev.rehearsal.api.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users and their bearer tokens, from configuration.
 *
 * @param users each with a name, roles, and a token given plainly or as {@code sha256:<hex>}
 */
@ConfigurationProperties("rehearsal.security")
public record SecurityProperties(List<User> users) {
  public SecurityProperties {
    users = users == null ? List.of() : List.copyOf(users);
  }

  public record User(String name, List<Role> roles, String token) {}
}
