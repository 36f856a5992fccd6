package dev.rehearsal.activities.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A metric picked out of Prometheus text exposition by a selector written as in the exposition: {@code name} or
 * {@code name{label="value",...}}. A series matches when its name is the same and it carries every label of the
 * selector (others may be present); the value is the sum of all matching series, so a bare name totals a metric
 * split by labels (e.g. the depth of every queue). NaN samples are skipped; no matching series means no value.
 */
final class PrometheusMetric {
  private final String name;
  private final Map<String, String> labels;

  private PrometheusMetric(String name, Map<String, String> labels) {
    this.name = name;
    this.labels = labels;
  }

  static PrometheusMetric parse(String selector) {
    Cursor c = new Cursor(selector.trim());
    String name = c.name();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("not a Prometheus metric selector: " + selector);
    }
    Map<String, String> labels = c.peek() == '{' ? c.labels() : Map.of();
    c.skipSpaces();
    if (!c.atEnd()) {
      throw new IllegalArgumentException("not a Prometheus metric selector: " + selector);
    }
    return new PrometheusMetric(name, labels);
  }

  OptionalDouble sumIn(String exposition) {
    double sum = 0;
    boolean found = false;
    for (String line : exposition.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      try {
        Cursor c = new Cursor(trimmed);
        if (!c.name().equals(name)) {
          continue;
        }
        Map<String, String> seriesLabels = c.peek() == '{' ? c.labels() : Map.of();
        if (!seriesLabels.entrySet().containsAll(labels.entrySet())) {
          continue;
        }
        c.skipSpaces();
        double value = value(c.token());
        found = true;
        if (!Double.isNaN(value)) {
          sum += value;
        }
      } catch (IllegalArgumentException malformed) {
        // A line we cannot read is not the metric we want; the rest of the exposition may still be fine.
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  private static double value(String token) {
    return switch (token) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(token);
    };
  }

  @Override
  public String toString() {
    return labels.isEmpty() ? name : name + labels;
  }

  /** A tiny reader for {@code name{label="value",...} value [timestamp]}. */
  private static final class Cursor {
    private final String s;
    private int i;

    Cursor(String s) {
      this.s = s;
    }

    char peek() {
      return i < s.length() ? s.charAt(i) : '\0';
    }

    boolean atEnd() {
      return i >= s.length();
    }

    void skipSpaces() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    String name() {
      int start = i;
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || "_:".indexOf(s.charAt(i)) >= 0)) {
        i++;
      }
      return s.substring(start, i);
    }

    String token() {
      int start = i;
      while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (start == i) {
        throw new IllegalArgumentException("missing value");
      }
      return s.substring(start, i);
    }

    Map<String, String> labels() {
      Map<String, String> out = new LinkedHashMap<>();
      i++; // '{'
      while (true) {
        skipSpaces();
        if (peek() == '}') {
          i++;
          return out;
        }
        String label = name();
        skipSpaces();
        expect('=');
        skipSpaces();
        expect('"');
        StringBuilder value = new StringBuilder();
        while (peek() != '"') {
          if (atEnd()) {
            throw new IllegalArgumentException("unterminated label value");
          }
          char ch = s.charAt(i++);
          if (ch == '\\' && !atEnd()) {
            char escaped = s.charAt(i++);
            value.append(escaped == 'n' ? '\n' : escaped);
          } else {
            value.append(ch);
          }
        }
        i++;
        out.put(label, value.toString());
        skipSpaces();
        if (peek() == ',') {
          i++;
        } else if (peek() != '}') {
          throw new IllegalArgumentException("expected , or }");
        }
      }
    }

    private void expect(char ch) {
      if (peek() != ch) {
        throw new IllegalArgumentException("expected " + ch);
      }
      i++;
    }
  }
}
