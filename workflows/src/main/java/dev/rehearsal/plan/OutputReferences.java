package dev.rehearsal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${steps.<step>.outputs.<name>}} references a step's strings may hold. Ordinary values are substituted by
 * the workflow before the step runs; a secret one stays as this text and is resolved on the worker only.
 */
public final class OutputReferences {
  /** An output's name: an identifier, so that the reference ends unambiguously (step names may hold dots). */
  public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final Pattern REFERENCE = Pattern.compile("steps\\.(.+)\\.outputs\\.(" + NAME.pattern() + ")");
  private static final String PREFIX = "steps.";

  /** One reference: the step that produced the value (its plan name, for a rerun's copies too) and the output. */
  public record Ref(String step, String output) {}

  private OutputReferences() {}

  /** The reference a {@code ${...}} body makes, if it is one. */
  public static Optional<Ref> parse(String body) {
    Matcher m = REFERENCE.matcher(body);
    return m.matches() ? Optional.of(new Ref(m.group(1), m.group(2))) : Optional.empty();
  }

  /** Whether a {@code ${...}} body is meant as an output reference (well formed or not). */
  static boolean looksLikeOne(String body) {
    return body.startsWith(PREFIX);
  }

  /** The text with every reference whose value {@code lookup} knows (non-null) replaced by it; others stay. */
  public static String substitute(String text, Function<Ref, String> lookup) {
    Matcher m = References.ANY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = parse(m.group(1)).map(lookup).orElse(null);
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The bodies of every {@code ${steps...}} in the text, well formed or not. */
  static List<String> bodies(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = References.ANY.matcher(text);
    while (m.find()) {
      if (looksLikeOne(m.group(1))) {
        found.add(m.group(1));
      }
    }
    return found;
  }
}
