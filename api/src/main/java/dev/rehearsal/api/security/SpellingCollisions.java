package dev.rehearsal.api.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One person, one name; one group, one spelling. Names and groups are compared exactly everywhere (approvals, rules,
 * policies), so two users {@code eve} and {@code EVE} would be two people (EVE could approve eve's run), and a user in
 * group {@code DBA} would silently never count for a rule on {@code dba}. Configuration that spells one name or one
 * group two ways is refused at start-up instead.
 */
final class SpellingCollisions {
  private SpellingCollisions() {}

  /** @throws IllegalStateException naming the first two users whose names, or groups, differ only in case */
  static void refuseIn(List<SecurityProperties.User> users) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, String> groups = new LinkedHashMap<>();
    for (int i = 0; i < users.size(); i++) {
      SecurityProperties.User u = users.get(i);
      String where = "rehearsal.security.users[" + i + "] (" + u.name() + ")";
      String earlier = names.putIfAbsent(u.name().toLowerCase(Locale.ROOT), where);
      if (earlier != null) {
        throw new IllegalStateException(where + ": the same name as " + earlier + ", ignoring case; one person,"
            + " one name: every record of what people did carries it");
      }
      for (String group : u.groups()) {
        String spelled = groups.putIfAbsent(group.toLowerCase(Locale.ROOT), group);
        if (spelled != null && !spelled.equals(group)) {
          throw new IllegalStateException(where + ": group '" + group + "' differs only in case from group '" + spelled
              + "' configured before it; groups are compared exactly, so spell each group one way");
        }
      }
    }
  }
}
