package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.workflows.steps.StepFailureDetails;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;

/** What a failed activity says, for step summaries and logs. */
final class FailureText {
  private FailureText() {}

  /** The details a step activity attached to its failure (attempt, evidence), or null. */
  static StepFailureDetails details(Exception failure) {
    if (failure.getCause() instanceof ApplicationFailure app && app.getDetails().getSize() > 0) {
      return app.getDetails().get(StepFailureDetails.class);
    }
    return null;
  }

  static String describe(Exception failure) {
    Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
    if (cause instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    if (cause instanceof TimeoutFailure timeout) {
      return "timed out (" + timeout.getTimeoutType() + ")";
    }
    if (cause instanceof CanceledFailure) {
      return "cancelled";
    }
    return cause == null ? failure.getMessage() : cause.getMessage();
  }
}
