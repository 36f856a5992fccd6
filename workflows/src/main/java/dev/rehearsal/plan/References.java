package dev.rehearsal.plan;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${...}} references a plan string may hold: {@code ${parameters.NAME}} (substituted before the run
 * starts), and the secrets {@code ${env:NAME}} and {@code ${file:PATH}} (resolved only inside activities).
 */
public final class References {
  public static final Pattern ANY = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern PARAMETER = Pattern.compile("parameters\\.([A-Za-z0-9_.-]+)");
  private static final Pattern SECRET = Pattern.compile("(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)");
  /** Looks meant as one of ours; anything else, like a shell's {@code ${HOME}} or {@code ${X:-default}}, is left alone. */
  private static final Pattern INTENDED = Pattern.compile("(?i)((parameters?|params?|env|file|secrets?)[.:]|(steps?|outputs?)\\.).*");

  private References() {}

  public static boolean isParameter(String body) {
    return PARAMETER.matcher(body).matches();
  }

  public static boolean isSecret(String body) {
    return SECRET.matcher(body).matches();
  }

  public static boolean looksIntended(String body) {
    return INTENDED.matcher(body).matches();
  }

  public static Set<String> parameterNames(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = ANY.matcher(text);
    while (m.find()) {
      Matcher p = PARAMETER.matcher(m.group(1));
      if (p.matches()) {
        names.add(p.group(1));
      }
    }
    return names;
  }

  /** Replaces every {@code ${parameters.NAME}} whose name is known; leaves secrets and unknown names alone. */
  public static String substituteParameters(String text, Map<String, String> parameters) {
    Matcher m = ANY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Matcher p = PARAMETER.matcher(m.group(1));
      String replacement =
          p.matches() && parameters.containsKey(p.group(1)) ? parameters.get(p.group(1)) : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
