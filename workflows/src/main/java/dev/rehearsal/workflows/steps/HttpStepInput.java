package dev.rehearsal.workflows.steps;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rehearsal.plan.HttpSpec;
import dev.rehearsal.plan.TargetSpec;
import dev.rehearsal.plan.UntilSpec;
import java.util.List;

/**
 * An HTTP check with its effective timeout and its target (whose secret references activities resolve); a request
 * that may write is checked against the production guard patterns again once the target is resolved. {@code
 * outputs}: what it hands on (null when nothing); {@code until}, when set, makes the activity poll until the
 * expectations hold.
 */
public record HttpStepInput(
    String step, HttpSpec http, long timeoutMillis, String targetName, TargetSpec target, List<String> guardPatterns,
    @JsonInclude(JsonInclude.Include.NON_NULL) OutputRequest outputs,
    @JsonInclude(JsonInclude.Include.NON_NULL) UntilSpec until) {

  public HttpStepInput(
      String step, HttpSpec http, long timeoutMillis, String targetName, TargetSpec target, List<String> guardPatterns) {
    this(step, http, timeoutMillis, targetName, target, guardPatterns, null, null);
  }
}
