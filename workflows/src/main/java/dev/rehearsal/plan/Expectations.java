package dev.rehearsal.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks of a plan's {@code json} and {@code headers} expectations against what a step saw. Each failure names the
 * pointer (or header), the value seen and the expectation; callers mask secrets in it before it is stored.
 */
public final class Expectations {
  private static final ObjectMapper PARSER = new ObjectMapper();

  private Expectations() {}

  /** Every pointer check that does not hold on {@code document}, as "/count is 0, expected >= 1". */
  public static List<String> onJson(Map<String, JsonNode> checks, JsonNode document) {
    List<String> problems = new ArrayList<>();
    if (checks == null) {
      return problems;
    }
    checks.forEach((pointer, expectation) -> failures(pointer, document.at(pointer), expectation, problems));
    return problems;
  }

  /**
   * Every pointer check that does not hold on {@code text} parsed as JSON; text that is not JSON fails them all at once,
   * as "{@code what} is not JSON, so [/a, /b] cannot be checked".
   */
  public static List<String> onJsonText(Map<String, JsonNode> checks, String text, String what) {
    if (checks == null || checks.isEmpty()) {
      return List.of();
    }
    try {
      return onJson(checks, PARSER.readTree(text));
    } catch (JsonProcessingException e) {
      return List.of(what + " is not JSON, so " + checks.keySet() + " cannot be checked");
    }
  }

  /** Every header check that does not hold, {@code header} giving a header's value by name (any case). */
  public static List<String> onHeaders(Map<String, JsonNode> checks, Function<String, Optional<String>> header) {
    List<String> problems = new ArrayList<>();
    if (checks == null) {
      return problems;
    }
    checks.forEach((name, expectation) -> {
      JsonNode value = header.apply(name).<JsonNode>map(TextNode::valueOf).orElse(MissingNode.getInstance());
      failures("header " + name, value, expectation, problems);
    });
    return problems;
  }

  /** Why {@code actual} fails {@code check}, as "<what> is <seen>, expected <check>", or empty when it holds. */
  public static Optional<String> failure(String what, JsonNode actual, ValueCheck check) {
    return check.holds(actual) ? Optional.empty()
        : Optional.of(what + " is " + ValueCheck.seen(actual) + ", expected " + check.describe());
  }

  private static void failures(String what, JsonNode actual, JsonNode expectation, List<String> problems) {
    for (ValueCheck check : ValueCheck.parse(expectation)) {
      failure(what, actual, check).ifPresent(problems::add);
    }
  }
}
