package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validation of the expectation language wherever a plan uses it ({@code json} pointer checks, {@code headers}
 * checks, {@code assert} operands): known operators, operands of the right type, regular expressions that compile,
 * pointers that parse. A value holding a {@code ${...}} reference is only known at run time, so its type is not judged.
 */
final class ExpectationRules {
  /** RFC 6901: "~" only as the escapes "~0" and "~1". */
  private static final Pattern POINTER = Pattern.compile("(?:/(?:[^~/]|~[01])*)*");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final JsonChecks checks;

  ExpectationRules(JsonChecks checks) {
    this.checks = checks;
  }

  /** {@code json: { <JSON Pointer>: <expectation> }}. */
  void checkPointers(JsonNode json, String path) {
    if (json == null || !checks.requireObject(json, path)) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) json::fields) {
      String at = path + "." + e.getKey();
      if (!e.getKey().isEmpty() && !e.getKey().startsWith("/")) {
        checks.problem(at, "keys are JSON Pointers and start with '/'");
        continue;
      }
      if (!POINTER.matcher(e.getKey()).matches()) {
        checks.problem(at, "is not a valid JSON Pointer: '~' must be written '~0' and '/' inside a key '~1'");
        continue;
      }
      checkExpectation(e.getValue(), at);
    }
  }

  /** {@code headers: { <name>: <expectation> }}. */
  void checkHeaders(JsonNode headers, String path) {
    if (headers == null || !checks.requireObject(headers, path)) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) headers::fields) {
      String at = path + "." + e.getKey();
      if (!HEADER_NAME.matcher(e.getKey()).matches()) {
        checks.problem(at, "is not an HTTP header name");
      }
      checkExpectation(e.getValue(), at);
    }
  }

  /** A bare value (equals), or a mapping of operators to operands. */
  void checkExpectation(JsonNode expectation, String path) {
    if (!expectation.isObject()) {
      return;
    }
    if (expectation.isEmpty()) {
      checks.problem(path, "must hold at least one operator; operators are " + ExpectOperator.keys());
    }
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) expectation::fields) {
      String at = path + "." + e.getKey();
      ExpectOperator.fromKey(e.getKey()).ifPresentOrElse(
          op -> checkOperand(op, e.getValue(), at),
          () -> checks.problem(at, "unknown operator; operators are " + ExpectOperator.keys()
              + " (to compare with a mapping, write {equals: {...}})"));
    }
  }

  void checkOperand(ExpectOperator op, JsonNode operand, String path) {
    boolean runtime = operand.isTextual() && References.ANY.matcher(operand.asText()).find();
    switch (op.operand()) {
      case BOOLEAN -> checks.checkBoolean(operand, path);
      case REGEX -> {
        if (!operand.isTextual()) {
          checks.problem(path, "must be a regular expression (a string)");
        } else if (!runtime) {
          checks.checkRegex(operand, path);
        }
      }
      case NUMBER -> {
        if (!runtime && ValueCheck.number(operand) == null) {
          checks.problem(path, "'" + operand.asText() + "' is not a number, and '" + op.key() + "' compares numbers");
        }
      }
      case LIST -> {
        if (!operand.isArray() || operand.isEmpty()) {
          checks.problem(path, "must be a list of the values allowed (at least one)");
        }
      }
      case ANY -> { }
    }
  }
}
