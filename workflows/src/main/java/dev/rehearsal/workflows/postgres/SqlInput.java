package dev.rehearsal.workflows.postgres;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rehearsal.plan.SqlSpec;
import dev.rehearsal.plan.TargetSpec;
import dev.rehearsal.plan.UntilSpec;
import dev.rehearsal.workflows.steps.OutputRequest;
import java.util.List;

/**
 * A sql step with its target and, for writes, the plan's production guard patterns; the outputs it hands on (null
 * when none), and {@code until}, when set, which makes the activity query again until the expectations hold.
 */
public record SqlInput(
    String step, SqlSpec spec, long timeoutMillis, String targetName, TargetSpec target, List<String> guardPatterns,
    @JsonInclude(JsonInclude.Include.NON_NULL) OutputRequest outputs,
    @JsonInclude(JsonInclude.Include.NON_NULL) UntilSpec until) {

  public SqlInput(
      String step, SqlSpec spec, long timeoutMillis, String targetName, TargetSpec target, List<String> guardPatterns) {
    this(step, spec, timeoutMillis, targetName, target, guardPatterns, null, null);
  }
}
