package dev.rehearsal.api.rehearsals;

import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.util.List;

/**
 * How a run Temporal ended from outside (terminated, timed out, cancelled, failed) is shown when the run never
 * wrote its final status: one mapping for the list item and for the filter's query, so both agree.
 */
final class OutsideEnds {
  private OutsideEnds() {}

  /** The status shown for a run that ended this way without saying so; null when Temporal says nothing about it. */
  static RunStatus status(WorkflowExecutionStatus execution) {
    return switch (execution) {
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> RunStatus.TIMED_OUT;
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> RunStatus.CANCELLED;
      case WORKFLOW_EXECUTION_STATUS_TERMINATED, WORKFLOW_EXECUTION_STATUS_FAILED -> RunStatus.FAILED;
      default -> null;
    };
  }

  /** The ExecutionStatus values (as the query language spells them) shown as this final status; empty for none. */
  static List<String> executionStatuses(RunStatus status) {
    return switch (status) {
      case TIMED_OUT -> List.of("TimedOut");
      case CANCELLED -> List.of("Canceled");
      case FAILED -> List.of("Terminated", "Failed");
      default -> List.of();
    };
  }
}
