package dev.rehearsal.api.console.start;

import dev.rehearsal.plan.PlanProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The start page's "Parameters" box: one {@code key=value} per line, split at the first {@code =}; the key is trimmed,
 * the value kept as typed. Blank lines and lines starting with {@code #} are skipped. {@code releaseCandidate} has its
 * own field. A line that is not a parameter is a problem at {@code parameters (line N)}, so it is never dropped silently.
 */
record ParameterLines(Map<String, String> values, List<PlanProblem> problems) {

  static ParameterLines parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    List<PlanProblem> problems = new ArrayList<>();
    String[] lines = text == null ? new String[0] : text.split("\\r?\\n|\\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String where = "parameters (line " + (i + 1) + ")";
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? "" : line.substring(0, eq).trim();
      if (key.isEmpty()) {
        problems.add(new PlanProblem(where, "expected key=value, like previousTag=v1.2.2"));
      } else if (key.equals("releaseCandidate")) {
        problems.add(new PlanProblem(where, "releaseCandidate is set by the Release candidate field"));
      } else if (values.putIfAbsent(key, line.substring(eq + 1)) != null) {
        problems.add(new PlanProblem(where, key + " is given twice"));
      }
    }
    return new ParameterLines(Collections.unmodifiableMap(values), List.copyOf(problems));
  }
}
