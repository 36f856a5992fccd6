package dev.rehearsal.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of a benchmark: {@code -Dbench.NAME=value} system properties, then {@code --name=value}, {@code --name
 * value}, {@code --name} (true) or {@code --no-name} (false) arguments, which win.
 */
final class BenchArgs {
  private BenchArgs() {}

  static Map<String, String> parse(String[] args, List<String> names, String usage) {
    Map<String, String> given = new HashMap<>();
    for (String name : names) {
      String property = System.getProperty("bench." + name);
      if (property != null) {
        given.put(name, property);
      }
    }
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + a + " (use " + usage + ")");
      }
      String key = a.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (key.startsWith("no-")) {
        key = key.substring(3);
        value = "false";
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        value = "true";
      }
      given.put(key, value);
    }
    return given;
  }
}
