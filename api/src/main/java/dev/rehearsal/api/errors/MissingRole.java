package dev.rehearsal.api.errors;

import dev.rehearsal.api.security.Role;

/** The caller is known but lacks the role an action needs, found by the service rather than by the path's rules. */
public final class MissingRole extends RehearsalException {
  public MissingRole(String action, Role role) {
    super(action + " needs the " + role.name() + " role");
  }
}
