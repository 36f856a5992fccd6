package dev.rehearsal.activities.steps;

import dev.rehearsal.workflows.steps.EvidenceRef;
import dev.rehearsal.workflows.steps.StepFailureDetails;
import dev.rehearsal.workflows.steps.StepFailures;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/** Builds a step's business failure, typed so the retry policy knows whether another attempt can help. */
public final class StepFailure {
  private StepFailure() {}

  public static ApplicationFailure of(String type, String message, int attempt, List<EvidenceRef> evidence) {
    StepFailureDetails details = new StepFailureDetails(attempt, List.copyOf(evidence));
    return StepFailures.NON_RETRYABLE.contains(type)
        ? ApplicationFailure.newNonRetryableFailure(message, type, details)
        : ApplicationFailure.newFailure(message, type, details);
  }

  public static ApplicationFailure of(String type, String message, int attempt) {
    return of(type, message, attempt, List.of());
  }
}
