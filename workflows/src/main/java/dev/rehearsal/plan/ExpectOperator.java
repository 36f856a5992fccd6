package dev.rehearsal.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The operators of the expectation language, each with the key a plan writes it under and the operand it takes. */
public enum ExpectOperator {
  EXISTS("exists", Operand.BOOLEAN),
  /** {@code exists} under the name header checks read best with. */
  PRESENT("present", Operand.BOOLEAN),
  NON_EMPTY("nonEmpty", Operand.BOOLEAN),
  EQUALS("equals", Operand.ANY),
  NOT_EQUALS("!=", Operand.ANY),
  MATCHES("matches", Operand.REGEX),
  GREATER(">", Operand.NUMBER),
  AT_LEAST(">=", Operand.NUMBER),
  LESS("<", Operand.NUMBER),
  AT_MOST("<=", Operand.NUMBER),
  IN("in", Operand.LIST);

  /** What an operator compares with: validation refuses anything else. */
  public enum Operand { BOOLEAN, ANY, REGEX, NUMBER, LIST }

  private final String key;
  private final Operand operand;

  ExpectOperator(String key, Operand operand) {
    this.key = key;
    this.operand = operand;
  }

  public String key() {
    return key;
  }

  public Operand operand() {
    return operand;
  }

  public static Optional<ExpectOperator> fromKey(String key) {
    return Arrays.stream(values()).filter(op -> op.key.equals(key)).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(ExpectOperator::key).toList();
  }
}
