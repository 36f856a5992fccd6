package dev.rehearsal.plan;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a plan's {@code environment} may be. The server picks the approval policy, the secrets a plan may reference and
 * who may start runs by the environment's name, compared exactly; so a name is plain ASCII that a look-alike cannot
 * imitate ({@code ѕtaging} with a Cyrillic s), without spaces or trailing punctuation ({@code "staging "},
 * {@code staging.}). A name built from run parameters ({@code ${parameters.env}}) is judged once they are substituted.
 */
public final class EnvironmentName {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");
  private static final Pattern PARAMETER = Pattern.compile("\\$\\{parameters\\.[A-Za-z0-9_.-]+}");
  public static final String RULE = "an environment name is 1 to 63 ASCII letters, digits, '.', '_' or '-', starting"
      + " and ending with a letter or digit";

  private EnvironmentName() {}

  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Why {@code text}, as written in a plan, can never be an environment name; parameters stand for any valid name. */
  static Optional<String> problem(String text) {
    String standIn = PARAMETER.matcher(text).replaceAll("p");
    return isValid(standIn) ? Optional.empty() : Optional.of("'" + text + "' is not an environment name: " + RULE);
  }

  /** Why {@code name}, what the environment became with the run's parameters, is not an environment name. */
  public static Optional<String> problemOfResolved(String name) {
    return isValid(name) ? Optional.empty()
        : Optional.of("is '" + name + "' with the run's parameters, which is not an environment name: " + RULE);
  }
}
