package dev.rehearsal.api.security;

import java.util.List;

/** An authenticated caller. The name is what every record of their actions carries. */
public record RehearsalUser(String name, List<Role> roles) {
  public boolean has(Role role) {
    return roles.contains(role);
  }

  public List<String> roleNames() {
    return roles.stream().map(Role::name).toList();
  }
}
