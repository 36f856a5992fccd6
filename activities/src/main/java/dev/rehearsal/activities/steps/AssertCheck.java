package dev.rehearsal.activities.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.plan.AssertSpec;
import dev.rehearsal.plan.ExpectOperator;
import dev.rehearsal.plan.ValueCheck;
import dev.rehearsal.workflows.steps.AssertStepInput;
import dev.rehearsal.workflows.steps.StepFailureType;
import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.activity.ActivityExecutionContext;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Runs an {@code assert} step: resolves both values' secret references here on the worker, judges them with the
 * expectation language's {@link ValueCheck}, and names both values (masked) either way.
 */
final class AssertCheck {

  StepResult run(ActivityExecutionContext context, AssertStepInput input, SecretScope secrets) {
    int attempt = context.getInfo().getAttempt();
    AssertSpec.Comparison comparison = input.assertion().comparison();
    JsonNode left = resolve(comparison.left(), secrets);
    JsonNode right = resolve(comparison.right(), secrets);
    String statement = ValueCheck.seen(left) + " " + comparison.operator().key() + " " + ValueCheck.seen(right);
    boolean holds;
    try {
      holds = new ValueCheck(comparison.operator(), right).holds(left);
    } catch (PatternSyntaxException e) {
      throw StepFailure.of(StepFailureType.INVALID_STEP, secrets.mask("not a regular expression: " + right.asText()), attempt);
    }
    if (!holds) {
      throw StepFailure.of(StepFailureType.ASSERTION_FAILED, secrets.mask("does not hold: " + statement + notANumber(comparison.operator(), left, right)), attempt);
    }
    return new StepResult(secrets.mask("holds: " + statement), List.of(), attempt);
  }

  private static JsonNode resolve(JsonNode value, SecretScope secrets) {
    return value.isTextual() ? TextNode.valueOf(secrets.resolve(value.asText())) : value;
  }

  /** Why a numeric comparison could not be made, when a value is not a number. */
  private static String notANumber(ExpectOperator operator, JsonNode left, JsonNode right) {
    if (operator.operand() != ExpectOperator.Operand.NUMBER) {
      return "";
    }
    for (JsonNode value : List.of(left, right)) {
      if (ValueCheck.number(value) == null) {
        return " (" + ValueCheck.seen(value) + " is not a number)";
      }
    }
    return "";
  }
}
