package dev.rehearsal.workflows.steps;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rehearsal.plan.CommandSpec;
import dev.rehearsal.plan.ReportGate;
import dev.rehearsal.plan.TargetSpec;
import dev.rehearsal.plan.UntilSpec;
import java.util.List;
import java.util.Map;

/**
 * A command step with its effective timeout, the targets it declares it writes to, the plan's production guard
 * patterns, the gates on its reports with the plan and environment whose baseline they compare with (null in
 * inputs recorded before gates were added, and when the step has none), the outputs it hands on, and {@code until},
 * which, when set, makes the activity run it again until the expectations hold.
 */
public record CommandStepInput(String step, CommandSpec command, long timeoutMillis, Map<String, TargetSpec> writes,
    List<String> guardPatterns, Map<String, ReportGate> gates, String plan, String environment,
    @JsonInclude(JsonInclude.Include.NON_NULL) OutputRequest outputs,
    @JsonInclude(JsonInclude.Include.NON_NULL) UntilSpec until) {

  public CommandStepInput(String step, CommandSpec command, long timeoutMillis, Map<String, TargetSpec> writes, List<String> guardPatterns) {
    this(step, command, timeoutMillis, writes, guardPatterns, null, null, null, null, null);
  }

  public Map<String, ReportGate> gatesOrNone() {
    return gates == null ? Map.of() : gates;
  }
}
