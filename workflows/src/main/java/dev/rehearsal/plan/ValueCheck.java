package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One check of the expectation language: an operator and its operand, judged against the value seen (a
 * {@code MissingNode} when there is none). Every place that checks a value (http body and headers, command stdout,
 * a sql row, an {@code assert} step) judges it here, so the operators mean the same everywhere.
 */
public record ValueCheck(ExpectOperator operator, JsonNode operand) {
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) ->
      a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : (a.equals(b) ? 0 : 1);

  /**
   * The checks one expectation stands for: a mapping of operators ({@code {">=": 1, "<": 10}}, all must hold), or any
   * other value, which the seen value must equal (as {@code http.expect.json} always meant).
   */
  public static List<ValueCheck> parse(JsonNode expectation) {
    if (!expectation.isObject()) {
      return List.of(new ValueCheck(ExpectOperator.EQUALS, expectation));
    }
    List<ValueCheck> checks = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) expectation::fields) {
      ExpectOperator op = ExpectOperator.fromKey(field.getKey())
          .orElseThrow(() -> new IllegalArgumentException("unknown operator '" + field.getKey() + "'"));
      checks.add(new ValueCheck(op, field.getValue()));
    }
    return checks;
  }

  public boolean holds(JsonNode actual) {
    boolean missing = actual == null || actual.isMissingNode();
    return switch (operator) {
      case EXISTS, PRESENT -> !missing == operand.asBoolean();
      case NON_EMPTY -> nonEmpty(actual, missing) == operand.asBoolean();
      case EQUALS -> !missing && same(actual, operand);
      case NOT_EQUALS -> !missing && !same(actual, operand);
      case MATCHES -> !missing && !actual.isNull() && Pattern.compile(operand.asText()).matcher(text(actual)).find();
      case GREATER, AT_LEAST, LESS, AT_MOST -> !missing && compares(number(actual));
      case IN -> !missing && containsSame(actual);
    };
  }

  /** How the check reads after "expected": the operand for equals (as messages always said), else operator and operand. */
  public String describe() {
    return switch (operator) {
      case EQUALS -> operand.toString();
      case EXISTS, PRESENT -> operand.asBoolean() ? "present" : "absent";
      case NON_EMPTY -> operand.asBoolean() ? "non-empty" : "empty";
      case MATCHES -> "matches /" + operand.asText() + "/";
      default -> operator.key() + " " + operand;
    };
  }

  /** A value as failure messages show it: JSON text, or "missing". */
  public static String seen(JsonNode actual) {
    return actual == null || actual.isMissingNode() ? "missing" : actual.toString();
  }

  /** The number a value stands for (a JSON number, or text that is one), or null. */
  public static BigDecimal number(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      try {
        return new BigDecimal(value.asText().strip());
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
    return null;
  }

  private boolean compares(BigDecimal actual) {
    BigDecimal bound = number(operand);
    if (actual == null || bound == null) {
      return false;
    }
    int c = actual.compareTo(bound);
    return switch (operator) {
      case GREATER -> c > 0;
      case AT_LEAST -> c >= 0;
      case LESS -> c < 0;
      default -> c <= 0;
    };
  }

  private boolean containsSame(JsonNode actual) {
    for (JsonNode candidate : operand) {
      if (same(actual, candidate)) {
        return true;
      }
    }
    return false;
  }

  private static boolean nonEmpty(JsonNode actual, boolean missing) {
    if (missing || actual.isNull()) {
      return false;
    }
    if (actual.isTextual()) {
      return !actual.asText().isEmpty();
    }
    return !actual.isContainerNode() || actual.size() > 0;
  }

  /**
   * JSON equality where 1 and 1.0 are the same number, and where text that spells the other side's number or boolean
   * is that value (headers, sql cells and parameters arrive as text).
   */
  static boolean same(JsonNode actual, JsonNode expected) {
    if (actual.isNumber() || expected.isNumber()) {
      BigDecimal a = number(actual);
      BigDecimal e = number(expected);
      return a != null && e != null && a.compareTo(e) == 0;
    }
    if (actual.isValueNode() && expected.isValueNode() && actual.isTextual() != expected.isTextual()
        && !actual.isNull() && !expected.isNull()) {
      return actual.asText().equals(expected.asText());
    }
    // Inside lists and mappings too, 1 and 1.0 are the same number.
    return actual.equals(NUMBERS_BY_VALUE, expected);
  }


  private static String text(JsonNode value) {
    return value.isTextual() ? value.asText() : value.toString();
  }
}
