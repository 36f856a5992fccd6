package dev.rehearsal.workflows.steps;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rehearsal.plan.HttpSpec;
import dev.rehearsal.plan.TargetSpec;
import java.util.List;

/**
 * An HTTP check with its effective timeout and its target (whose secret references activities resolve); a request
 * that may write is checked against the production guard patterns again once the target is resolved. {@code
 * outputs}: what it hands on (null when nothing).
 */
public record HttpStepInput(
    String step, HttpSpec http, long timeoutMillis, String targetName, TargetSpec target, List<String> guardPatterns,
    @JsonInclude(JsonInclude.Include.NON_NULL) OutputRequest outputs) {
  public HttpStepInput(
      String step, HttpSpec http, long timeoutMillis, String targetName, TargetSpec target, List<String> guardPatterns) {
    this(step, http, timeoutMillis, targetName, target, guardPatterns, null);
  }
}
