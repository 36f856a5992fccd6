package dev.rehearsal.activities.steps;

import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.activities.secrets.SecretUnresolvedException;
import dev.rehearsal.activities.secrets.WorkerSecrets;
import dev.rehearsal.workflows.steps.StepFailureDetails;
import dev.rehearsal.workflows.steps.StepFailureType;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One attempt of a step activity: a fresh secret scope (masking every secret output of the run so far), and every
 * failure turned into a typed, masked {@code ApplicationFailure}. Exceptions from the JDK or drivers (bad URLs, header
 * values, program paths) may quote resolved values, and failure messages go into history and logs.
 */
public final class StepAttempt {
  private StepAttempt() {}

  public static <T> T run(WorkerSecrets workerSecrets, BiFunction<ActivityExecutionContext, SecretScope, T> step) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    int attempt = context.getInfo().getAttempt();
    SecretScope secrets;
    try {
      // Reads the run's secret outputs so far, to mask them too: one that cannot be read fails the attempt.
      secrets = workerSecrets.scope(context);
    } catch (SecretUnresolvedException e) {
      throw StepFailure.of(StepFailureType.SECRET_UNRESOLVED, e.getMessage(), attempt);
    }
    try {
      return step.apply(context, secrets);
    } catch (ActivityCompletionException cancelledOrGone) {
      throw cancelledOrGone;
    } catch (SecretUnresolvedException e) {
      throw StepFailure.of(StepFailureType.SECRET_UNRESOLVED, e.getMessage(), attempt);
    } catch (ApplicationFailure failure) {
      throw masked(failure, secrets, attempt);
    } catch (RuntimeException unexpected) {
      String message = unexpected.getClass().getSimpleName() + (unexpected.getMessage() == null ? "" : ": " + unexpected.getMessage());
      throw StepFailure.of(StepFailureType.STEP_ERROR, secrets.mask(message), attempt);
    }
  }

  /** The failure itself when its message holds no secret, otherwise a copy with the message masked. */
  private static ApplicationFailure masked(ApplicationFailure failure, SecretScope secrets, int attempt) {
    String masked = secrets.mask(failure.getOriginalMessage());
    if (masked.equals(failure.getOriginalMessage())) {
      return failure;
    }
    if (failure.getDetails().getSize() == 0) {
      return StepFailure.copy(failure, masked, attempt, List.of());
    }
    StepFailureDetails details = failure.getDetails().get(StepFailureDetails.class);
    return StepFailure.copy(failure, masked, details.attempt(), details.evidence());
  }
}
