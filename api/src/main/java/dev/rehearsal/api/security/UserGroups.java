package dev.rehearsal.api.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The groups each configured user belongs to: {@code groups: [dba, qa]} beside {@code roles} in
 * {@code rehearsal.security.users}. Read on its own so that the users' other settings bind as before; a user without
 * groups (and every development token) is in none.
 */
@ConfigurationProperties("rehearsal.security")
public record UserGroups(List<Member> users) {
  public UserGroups {
    users = users == null ? List.of() : List.copyOf(users);
  }

  public record Member(String name, List<String> groups) {
    public Member {
      groups = groups == null ? List.of() : List.copyOf(groups);
    }
  }

  public List<String> of(RehearsalUser user) {
    return users.stream().filter(m -> user.name().equals(m.name())).findFirst().map(Member::groups).orElse(List.of());
  }
}
