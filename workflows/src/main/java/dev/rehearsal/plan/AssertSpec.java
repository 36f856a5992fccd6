package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.workflows.steps.AssertStepInput;
import dev.rehearsal.workflows.steps.StepActivities;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.workflows.steps.StepRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An {@code assert} step: one comparison of two values ({@code equals: [a, b]}, {@code matches: [value, regex]},
 * {@code ">": [a, b]} ...), judged by the expectation language's {@link ValueCheck}. It does no I/O, but its values
 * may hold secrets, so it runs as an activity on the worker, where they are resolved and masked.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssertSpec(
    List<JsonNode> equals,
    List<JsonNode> matches,
    @JsonProperty(">") List<JsonNode> greater,
    @JsonProperty(">=") List<JsonNode> atLeast,
    @JsonProperty("<") List<JsonNode> less,
    @JsonProperty("<=") List<JsonNode> atMost,
    @JsonProperty("!=") List<JsonNode> notEquals) implements StepBody {

  public static final String DEFAULT_TIMEOUT = "30s";

  /** The comparison the step makes: its operator and its two values. */
  public record Comparison(ExpectOperator operator, JsonNode left, JsonNode right) {}

  public Comparison comparison() {
    List<Comparison> given = new ArrayList<>();
    add(given, ExpectOperator.EQUALS, equals);
    add(given, ExpectOperator.MATCHES, matches);
    add(given, ExpectOperator.GREATER, greater);
    add(given, ExpectOperator.AT_LEAST, atLeast);
    add(given, ExpectOperator.LESS, less);
    add(given, ExpectOperator.AT_MOST, atMost);
    add(given, ExpectOperator.NOT_EQUALS, notEquals);
    if (given.size() != 1) {
      throw new IllegalStateException("an assert step makes exactly one comparison, not " + given.size());
    }
    return given.get(0);
  }

  private static void add(List<Comparison> given, ExpectOperator operator, List<JsonNode> values) {
    if (values != null) {
      given.add(new Comparison(operator, values.get(0), values.get(1)));
    }
  }

  /** An assertion takes no time of its own; the plan's default timeout, or 30s, bounds the activity. */
  @Override
  public String timeout() {
    return null;
  }

  @Override
  public StepResult execute(StepRun step) {
    return step.activities(StepActivities.class).checkAssertion(new AssertStepInput(step.name(), this));
  }

  /** An {@code assert} step: exactly one comparison, of exactly two values, with operands its operator can use. */
  static final class Rules extends StepRules {
    private static final Set<String> KEYS = RecordKeys.of(AssertSpec.class);

    Rules(JsonChecks checks, PlanCrossChecks cross) {
      super(checks, cross);
    }

    @Override
    void check(JsonNode spec, String path, StepSite site) {
      if (!checks.requireObject(spec, path)) {
        return;
      }
      checks.unknownKeys(spec, path, KEYS);
      List<String> given = new ArrayList<>();
      spec.fieldNames().forEachRemaining(key -> {
        if (KEYS.contains(key)) {
          given.add(key);
        }
      });
      if (given.size() != 1) {
        checks.problem(path, "must make exactly one comparison, one of " + KEYS.stream().sorted().toList()
            + (given.isEmpty() ? "" : "; found " + given));
      }
      ExpectationRules operands = new ExpectationRules(checks);
      for (String key : given) {
        checkValues(spec.get(key), path + "." + key, ExpectOperator.fromKey(key).orElseThrow(), operands);
      }
    }

    private void checkValues(JsonNode values, String path, ExpectOperator op, ExpectationRules operands) {
      if (!values.isArray() || values.size() != 2) {
        checks.problem(path, "must be a list of exactly two values, e.g. [\"${parameters.a}\", \"${parameters.b}\"]");
        return;
      }
      for (int i = 0; i < 2; i++) {
        if (!values.get(i).isValueNode()) {
          checks.problem(path + "[" + i + "]", "must be a single value (a string, number or boolean)");
        }
      }
      if (op.operand() == ExpectOperator.Operand.NUMBER) {
        operands.checkOperand(op, values.get(0), path + "[0]");
      }
      if (values.get(1).isValueNode()) {
        operands.checkOperand(op, values.get(1), path + "[1]");
      }
    }
  }
}
