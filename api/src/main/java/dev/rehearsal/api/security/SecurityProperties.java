package dev.rehearsal.api.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users and their bearer tokens, from configuration.
 *
 * @param users each with a name, roles, groups, and a token given plainly or as {@code sha256:<hex>}
 */
@ConfigurationProperties("rehearsal.security")
public record SecurityProperties(List<User> users) {
  public SecurityProperties {
    users = users == null ? List.of() : List.copyOf(users);
  }

  /** @param groups what approver rules and policies name ({@code dba}, {@code qa}); none when absent */
  public record User(String name, List<Role> roles, String token, List<String> groups) {
    public User {
      groups = groups == null ? List.of() : List.copyOf(groups);
    }
  }
}
