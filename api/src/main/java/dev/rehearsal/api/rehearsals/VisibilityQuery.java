package dev.rehearsal.api.rehearsals;

import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunSearchAttributes;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.temporal.common.SearchAttributeKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Temporal visibility query for a list filter: terms joined by AND (a final status is one bracketed OR), each an attribute compared with a quoted
 * literal in which backslash and quote are escaped, so that no filter value can change the query's shape.
 */
final class VisibilityQuery {
  private VisibilityQuery() {}

  /** @param taskQueue this deployment's: another one sharing the namespace runs the same workflow type on its own */
  static String of(RunFilter filter, String taskQueue) {
    List<String> terms = new ArrayList<>();
    terms.add("WorkflowType = " + literal(RehearsalWorkflow.TYPE));
    terms.add("TaskQueue = " + literal(taskQueue));
    if (filter.status() != null) {
      terms.add(status(filter.status()));
    }
    optional(terms, RunSearchAttributes.ENVIRONMENT, filter.environment());
    optional(terms, RunSearchAttributes.PLAN, filter.plan());
    optional(terms, RunSearchAttributes.RELEASE_CANDIDATE, filter.releaseCandidate());
    optional(terms, RunSearchAttributes.INITIATOR, filter.initiator());
    // On a KeywordList, = means "contains".
    optional(terms, RunSearchAttributes.APPROVERS, filter.approver());
    if (filter.from() != null) {
      terms.add("StartTime >= " + literal(filter.from()));
    }
    if (filter.to() != null) {
      terms.add("StartTime < " + literal(filter.to()));
    }
    return String.join(" AND ", terms);
  }

  /**
   * A run ended from outside (terminated, timed out through Temporal) never wrote its end: an open status asks for a
   * running execution, a final one also takes the open-status runs Temporal ended that way ({@link OutsideEnds}).
   */
  private static String status(RunStatus status) {
    String told = equal(RunSearchAttributes.STATUS, status.name());
    if (!status.isFinal()) {
      return told + " AND ExecutionStatus = 'Running'";
    }
    List<String> executions = OutsideEnds.executionStatuses(status);
    if (executions.isEmpty()) {
      return told;
    }
    return "(" + told + " OR (" + RunSearchAttributes.STATUS.getName() + " IN ("
        + literal(RunStatus.RUNNING.name()) + ", " + literal(RunStatus.AWAITING_APPROVAL.name()) + ") AND ExecutionStatus IN ("
        + String.join(", ", executions.stream().map(VisibilityQuery::literal).toList()) + ")))";
  }

  private static void optional(List<String> terms, SearchAttributeKey<?> key, String value) {
    if (value != null) {
      terms.add(equal(key, value));
    }
  }

  private static String equal(SearchAttributeKey<?> key, String value) {
    return key.getName() + " = " + literal(value);
  }

  private static String literal(Instant at) {
    return literal(at.toString());
  }

  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
