package dev.rehearsal.api.console;

import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.api.security.Role;
import java.util.List;

/**
 * What the layout's header shows: who is signed in, with which roles, which nav links they are offered, and which
 * section the page belongs to ({@code inbox}, {@code runs}, {@code start}, {@code audit}; null for none).
 */
public record ConsoleHeader(String user, List<String> roles, boolean engineer, boolean auditor, String section) {

  static ConsoleHeader of(RehearsalUser user, String path) {
    return new ConsoleHeader(user.name(), user.roleNames(), user.has(Role.ENGINEER), user.has(Role.AUDITOR), section(path));
  }

  private static String section(String path) {
    if (path.equals("/")) {
      return "inbox";
    }
    for (String section : List.of("runs", "start", "audit")) {
      if (path.equals("/" + section) || path.startsWith("/" + section + "/")) {
        return section;
      }
    }
    return null;
  }
}
