package dev.rehearsal.api.rehearsals;

import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunSearchAttributes;
import io.temporal.common.SearchAttributeKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Temporal visibility query for a list filter: terms joined by AND, each an attribute compared with a quoted
 * literal in which backslash and quote are escaped, so that no filter value can change the query's shape.
 */
final class VisibilityQuery {
  private VisibilityQuery() {}

  static String of(RunFilter filter) {
    List<String> terms = new ArrayList<>();
    terms.add("WorkflowType = " + literal(RehearsalWorkflow.TYPE));
    if (filter.status() != null) {
      terms.add(equal(RunSearchAttributes.STATUS, filter.status().name()));
      if (!filter.status().isFinal()) {
        // A run ended from outside (terminated through Temporal) never wrote its end.
        terms.add("ExecutionStatus = 'Running'");
      }
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
