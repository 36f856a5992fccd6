package dev.rehearsal.workflows.rehearsal;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The search attributes a run carries on a Temporal server with visibility, so that the API lists and filters runs
 * there without asking each one: what never changes is set when the API starts the run, what changes is upserted by
 * the run itself ({@link RunVisibility}). Every one is a Keyword (exact match), the deciders a KeywordList.
 */
public final class RunSearchAttributes {
  public static final SearchAttributeKey<String> PLAN = SearchAttributeKey.forKeyword("RehearsalPlan");
  public static final SearchAttributeKey<String> ENVIRONMENT = SearchAttributeKey.forKeyword("RehearsalEnvironment");
  public static final SearchAttributeKey<String> RELEASE_CANDIDATE = SearchAttributeKey.forKeyword("RehearsalReleaseCandidate");
  public static final SearchAttributeKey<String> INITIATOR = SearchAttributeKey.forKeyword("RehearsalInitiator");
  public static final SearchAttributeKey<String> STATUS = SearchAttributeKey.forKeyword("RehearsalStatus");
  public static final SearchAttributeKey<String> READINESS = SearchAttributeKey.forKeyword("RehearsalReadiness");
  /** Everyone who approved or rejected. */
  public static final SearchAttributeKey<List<String>> APPROVERS = SearchAttributeKey.forKeywordList("RehearsalApprovers");
  public static final SearchAttributeKey<OffsetDateTime> FINISHED_AT = SearchAttributeKey.forOffsetDateTime("RehearsalFinishedAt");

  /** What a server must have registered before the first run starts. */
  public static final List<SearchAttributeKey<?>> ALL =
      List.of(PLAN, ENVIRONMENT, RELEASE_CANDIDATE, INITIATOR, STATUS, READINESS, APPROVERS, FINISHED_AT);

  private RunSearchAttributes() {}

  /** The attributes a run starts with: who started what, running, nothing assessed yet. A missing release candidate is left out. */
  public static SearchAttributes atStart(String plan, String environment, String releaseCandidate, String initiator) {
    SearchAttributes.Builder attributes = SearchAttributes.newBuilder()
        .set(PLAN, plan)
        .set(ENVIRONMENT, environment)
        .set(INITIATOR, initiator)
        .set(STATUS, RunStatus.RUNNING.name())
        .set(READINESS, ReadinessVerdict.NOT_ASSESSED.name());
    if (releaseCandidate != null) {
      attributes.set(RELEASE_CANDIDATE, releaseCandidate);
    }
    return attributes.build();
  }
}
