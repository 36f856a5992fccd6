package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The problems found so far, and the checks of one value's shape (type, range, unknown keys) that every part of a
 * plan shares. Each check reports and carries on, so a user sees every problem at once.
 */
final class JsonChecks {
  private static final Duration LONGEST = Duration.ofDays(365);

  private final List<PlanProblem> problems = new ArrayList<>();

  List<PlanProblem> problems() {
    return List.copyOf(problems);
  }

  void addAll(List<PlanProblem> more) {
    problems.addAll(more);
  }

  void problem(String path, String message) {
    problems.add(new PlanProblem(path, message));
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean requireText(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      problem(join(path, key), "is required and must be a non-empty string");
      return false;
    }
    return true;
  }

  boolean requireObject(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      problem(path, "must be a mapping");
      return false;
    }
    return true;
  }

  void unknownKeys(JsonNode node, String path, Set<String> allowed) {
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!allowed.contains(k)) {
                problem(join(path, k), "unknown key; allowed here: " + allowed.stream().sorted().toList());
              }
            });
  }

  void checkBoolean(JsonNode node, String path) {
    if (node != null && !node.isBoolean()) {
      problem(path, "must be true or false");
    }
  }

  void checkDuration(JsonNode node, String path) {
    if (node == null) {
      return;
    }
    Optional<Duration> duration = node.isTextual() ? Durations.tryParse(node.asText()) : Optional.empty();
    if (duration.isEmpty()) {
      problem(path, "'" + node.asText() + "' is not a duration; write e.g. 500ms, 30s, 5m, 2h, 1h30m, 3d");
    } else if (duration.get().compareTo(LONGEST) > 0) {
      problem(path, "must be at most 365d");
    }
  }

  /** A duration shorter than {@code minimum} is a problem; one that is not a duration is left to checkDuration. */
  void atLeast(JsonNode duration, String path, Duration minimum) {
    Durations.tryParse(duration == null ? null : duration.asText(null))
        .filter(d -> d.compareTo(minimum) < 0)
        .ifPresent(d -> problem(path, "must be at least " + minimum.toMillis() + "ms"));
  }

  void checkWholeNumber(JsonNode node, String path, int min, int max) {
    if (node != null && (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max)) {
      problem(path, "must be a whole number from " + min + " to " + max);
    }
  }

  /** One whole number in range, or a list of them. */
  void checkIntegers(JsonNode node, String path, int min, int max) {
    if (node == null) {
      return;
    }
    List<JsonNode> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(values::add);
    } else {
      values.add(node);
    }
    for (JsonNode v : values) {
      if (!v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
        problem(path, "must be a whole number from " + min + " to " + max + ", or a list of them");
        return;
      }
    }
  }

  void checkRegex(JsonNode node, String path) {
    if (node == null) {
      return;
    }
    try {
      Pattern.compile(node.asText());
    } catch (PatternSyntaxException e) {
      problem(path, "is not a valid regular expression: " + e.getDescription());
    }
  }

  void checkStringMap(JsonNode node, String path) {
    if (node == null || !requireObject(node, path)) {
      return;
    }
    node.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                problem(path + "." + e.getKey(), "must be a string");
              }
            });
  }

  void checkStringList(JsonNode node, String path) {
    if (node == null) {
      return;
    }
    if (!node.isArray()) {
      problem(path, "must be a list of names");
      return;
    }
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
        problem(path + "[" + i + "]", "must be a non-empty string");
      }
    }
  }

  void checkPointer(JsonNode pointer, String path) {
    if (pointer != null && (!pointer.isTextual() || !pointer.asText().startsWith("/"))) {
      problem(path, "must be a JSON Pointer starting with '/'");
    }
  }

  /** An absolute http(s) URL; one holding a {@code ${...}} reference is only known after resolution. */
  void checkHttpUrl(String url, String path) {
    if (References.ANY.matcher(url).find()) {
      return;
    }
    try {
      URI uri = URI.create(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        problem(path, "must be an absolute http:// or https:// URL");
      }
    } catch (IllegalArgumentException e) {
      problem(path, "is not a URL: " + e.getMessage());
    }
  }
}
