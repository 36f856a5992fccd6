package dev.rehearsal.activities.steps;

import dev.rehearsal.workflows.steps.EvidenceRef;
import dev.rehearsal.workflows.steps.StepFailureDetails;
import dev.rehearsal.workflows.steps.StepFailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/** Builds a step's business failure, typed so the retry policy knows whether another attempt can help. */
public final class StepFailure {
  private StepFailure() {}

  public static ApplicationFailure of(StepFailureType type, String message, int attempt, List<EvidenceRef> evidence) {
    StepFailureDetails details = new StepFailureDetails(attempt, List.copyOf(evidence));
    return type.retryable()
        ? ApplicationFailure.newFailure(message, type.type(), details)
        : ApplicationFailure.newNonRetryableFailure(message, type.type(), details);
  }

  /** {@code failure} with another message (a masked one): the same type and retryability. */
  public static ApplicationFailure copy(ApplicationFailure failure, String message, int attempt, List<EvidenceRef> evidence) {
    StepFailureDetails details = new StepFailureDetails(attempt, List.copyOf(evidence));
    return failure.isNonRetryable()
        ? ApplicationFailure.newNonRetryableFailure(message, failure.getType(), details)
        : ApplicationFailure.newFailure(message, failure.getType(), details);
  }

  public static ApplicationFailure of(StepFailureType type, String message, int attempt) {
    return of(type, message, attempt, List.of());
  }
}
