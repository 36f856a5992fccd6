package dev.rehearsal.api.security;

import java.util.List;

/** An authenticated caller. The name is what every record of their actions carries; groups come from configuration. */
public record RehearsalUser(String name, List<Role> roles, List<String> groups) {
  public RehearsalUser {
    roles = List.copyOf(roles);
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  public RehearsalUser(String name, List<Role> roles) {
    this(name, roles, null);
  }

  /** Whether {@code roleOrGroup} names one of this user's roles or groups (as policies' {@code starters} do). */
  public boolean holds(String roleOrGroup) {
    return roleNames().contains(roleOrGroup) || groups.contains(roleOrGroup);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public List<String> roleNames() {
    return roles.stream().map(Role::name).toList();
  }
}
