package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Text that is not valid Unicode: a UTF-16 surrogate without its pair (JSON {@code "\ud800"}). Java strings hold it,
 * but it cannot be written as UTF-8 JSON, so a run carrying one could not be indexed, archived or exported.
 */
public final class LoneSurrogates {
  private LoneSurrogates() {}

  public static boolean in(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** {@code text} with each lone surrogate written as {@code \}{@code uXXXX}, so a report can name it. */
  public static String escaped(String text) {
    if (text == null || !in(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A problem for every key and string value under {@code node} that holds a lone surrogate, at its path. */
  public static List<PlanProblem> problems(JsonNode node, String path) {
    List<PlanProblem> problems = new ArrayList<>();
    collect(node, path, problems);
    return problems;
  }

  /** A problem for every name and value of {@code texts} that holds a lone surrogate. */
  public static List<PlanProblem> problems(Map<String, String> texts, String path) {
    List<PlanProblem> problems = new ArrayList<>();
    texts.forEach((name, value) -> {
      String at = path + "." + escaped(name);
      if (in(name)) {
        problems.add(problem(at, "name"));
      }
      if (value != null && in(value)) {
        problems.add(problem(at, "value"));
      }
    });
    return problems;
  }

  public static PlanProblem problem(String path, String what) {
    return new PlanProblem(path, "the " + what + " holds a lone UTF-16 surrogate (e.g. \\ud800), which is not valid Unicode");
  }

  private static void collect(JsonNode node, String path, List<PlanProblem> problems) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        String at = path.isEmpty() ? escaped(e.getKey()) : path + "." + escaped(e.getKey());
        if (in(e.getKey())) {
          problems.add(problem(at, "key"));
        }
        collect(e.getValue(), at, problems);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), path + "[" + i + "]", problems);
      }
    } else if (node.isTextual() && in(node.asText())) {
      problems.add(problem(path, "string"));
    }
  }
}
