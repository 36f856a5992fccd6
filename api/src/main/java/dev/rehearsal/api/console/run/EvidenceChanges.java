package dev.rehearsal.api.console.run;

import dev.rehearsal.workflows.rehearsal.RehearsalState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed in a run's evidence since a page showed it: artifacts added, removed or changed (another sha256),
 * compared with the {@code name=sha256} list the page sent back with its form. Only for telling the approver; the
 * run's own digest check is what refuses a stale approval.
 */
final class EvidenceChanges {
  private EvidenceChanges() {}

  static List<String> between(List<String> shown, RehearsalState now) {
    Map<String, String> before = parse(shown);
    Map<String, String> after = new LinkedHashMap<>();
    now.steps().forEach(s -> s.evidence().forEach(e -> after.put(e.name(), e.sha256())));
    List<String> changes = new ArrayList<>();
    after.forEach((name, sha) -> {
      if (!before.containsKey(name)) {
        changes.add("Added: " + name);
      } else if (!before.get(name).equals(sha)) {
        changes.add("Changed: " + name + " (sha256 " + before.get(name) + " is now " + sha + ")");
      }
    });
    before.keySet().stream().filter(name -> !after.containsKey(name)).forEach(name -> changes.add("Removed: " + name));
    return changes;
  }

  private static Map<String, String> parse(List<String> shown) {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (String entry : shown == null ? List.<String>of() : shown) {
      int at = entry.lastIndexOf('=');
      if (at > 0) {
        parsed.put(entry.substring(0, at), entry.substring(at + 1));
      }
    }
    return parsed;
  }
}
