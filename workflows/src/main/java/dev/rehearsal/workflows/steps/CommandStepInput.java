package dev.rehearsal.workflows.steps;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rehearsal.plan.CommandSpec;
import dev.rehearsal.plan.TargetSpec;
import dev.rehearsal.plan.UntilSpec;
import java.util.List;
import java.util.Map;

/**
 * A command step with its effective timeout, the targets it declares it writes to, and the plan's production guard
 * patterns. {@code until}, when set, makes the activity run it again until the expectations hold.
 */
public record CommandStepInput(
    String step, CommandSpec command, long timeoutMillis, Map<String, TargetSpec> writes, List<String> guardPatterns,
    @JsonInclude(JsonInclude.Include.NON_NULL) UntilSpec until) {

  public CommandStepInput(
      String step, CommandSpec command, long timeoutMillis, Map<String, TargetSpec> writes, List<String> guardPatterns) {
    this(step, command, timeoutMillis, writes, guardPatterns, null);
  }
}
