package dev.rehearsal.workflows.rehearsal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rehearsal.plan.Plan;
import java.util.Map;

/**
 * A validated plan with its parameters already substituted, who started it, and the approval policy in force for its
 * environment at start (null in runs started before policies were recorded: then the plan's sign-off applies alone).
 * {@code visibility} is true only when the API lists runs through Temporal's visibility: the run then keeps its
 * search attributes current ({@link RunVisibility}); null (left out of the JSON) everywhere else. {@code archiveKeeper}
 * names the archive keeper the run tells of its end; null (left out) for runs with their own archiver.
 */
public record RehearsalInput(
    Plan plan, String releaseCandidate, Map<String, String> parameters, String initiator, ApprovalPolicy policy,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean visibility,
    @JsonInclude(JsonInclude.Include.NON_NULL) String archiveKeeper) {

  public RehearsalInput(Plan plan, String releaseCandidate, Map<String, String> parameters, String initiator, ApprovalPolicy policy,
      Boolean visibility) {
    this(plan, releaseCandidate, parameters, initiator, policy, visibility, null);
  }

  public RehearsalInput(Plan plan, String releaseCandidate, Map<String, String> parameters, String initiator, ApprovalPolicy policy) {
    this(plan, releaseCandidate, parameters, initiator, policy, null);
  }

  public RehearsalInput(Plan plan, String releaseCandidate, Map<String, String> parameters, String initiator) {
    this(plan, releaseCandidate, parameters, initiator, null);
  }

  /** The same input, for a run that keeps its search attributes current. */
  public RehearsalInput withVisibility() {
    return new RehearsalInput(plan, releaseCandidate, parameters, initiator, policy, true, archiveKeeper);
  }

  /** The same input, for a run that tells {@code keeper} of its end. */
  public RehearsalInput withArchiveKeeper(String keeper) {
    return new RehearsalInput(plan, releaseCandidate, parameters, initiator, policy, visibility, keeper);
  }
}
