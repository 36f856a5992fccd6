package dev.rehearsal.workflows.postgres;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rehearsal.workflows.steps.OutputRequest;
import dev.rehearsal.plan.SqlSpec;
import dev.rehearsal.plan.TargetSpec;
import java.util.List;

/** A sql step with its target, for writes the plan's production guard patterns, and the outputs it hands on. */
public record SqlInput(
    String step, SqlSpec spec, long timeoutMillis, String targetName, TargetSpec target, List<String> guardPatterns,
    @JsonInclude(JsonInclude.Include.NON_NULL) OutputRequest outputs) {
  public SqlInput(
      String step, SqlSpec spec, long timeoutMillis, String targetName, TargetSpec target, List<String> guardPatterns) {
    this(step, spec, timeoutMillis, targetName, target, guardPatterns, null);
  }
}
