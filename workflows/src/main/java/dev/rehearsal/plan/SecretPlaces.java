package dev.rehearsal.plan;

import java.util.List;
import java.util.Map;

/**
 * The fields of a step in which the worker resolves secrets ({@code ${env:...}}, {@code ${file:...}} and secret
 * outputs) before using them. A secret anywhere else would be used as its reference text, so the validator refuses it
 * there instead of letting a check that can never hold (or a query with the literal reference) run.
 */
final class SecretPlaces {
  /** Per kind, the field paths (relative to the kind's value) whose strings, and everything under them, are resolved. */
  private static final Map<String, List<String>> RESOLVED = Map.of(
      StepKind.HTTP.key(), List.of("path", "headers", "body"),
      StepKind.COMMAND.key(), List.of("run", "env", "workdir"),
      StepKind.ASSERT.key(), List.of(""));

  private SecretPlaces() {}

  /** Whether {@code relative} (e.g. {@code headers.Authorization}, {@code run[2]}) is resolved in a step of {@code kind}. */
  static boolean resolves(String kind, String relative) {
    return RESOLVED.getOrDefault(kind, List.of()).stream().anyMatch(field -> field.isEmpty() || relative.equals(field)
        || relative.startsWith(field + ".") || relative.startsWith(field + "["));
  }

  /** Where secrets may be used, for messages. */
  static String described() {
    return "an http step's path, headers and body, a command's run, env and workdir, and assert values";
  }
}
