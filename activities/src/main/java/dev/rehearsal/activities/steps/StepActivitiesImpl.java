package dev.rehearsal.activities.steps;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.activities.secrets.SecretUnresolvedException;
import dev.rehearsal.workflows.steps.CommandStepInput;
import dev.rehearsal.workflows.steps.HttpStepInput;
import dev.rehearsal.workflows.steps.StepActivities;
import dev.rehearsal.workflows.steps.StepFailureDetails;
import dev.rehearsal.workflows.steps.StepFailures;
import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

public class StepActivitiesImpl implements StepActivities {
  private final CommandStep commands;
  private final HttpCheck http;
  private final UnaryOperator<String> environment;

  /** @param environment where {@code ${env:NAME}} secrets are looked up (the worker's environment in production) */
  public StepActivitiesImpl(EvidenceStore evidence, UnaryOperator<String> environment) {
    this.commands = new CommandStep(evidence, environment);
    this.http = new HttpCheck(evidence);
    this.environment = environment;
  }

  @Override
  public StepResult runCommand(CommandStepInput input) {
    return withSecrets((context, secrets) -> commands.run(context, input, secrets));
  }

  @Override
  public StepResult checkHttp(HttpStepInput input) {
    return withSecrets((context, secrets) -> http.run(context, input, secrets));
  }

  /**
   * Runs a step with a fresh secret scope, and masks every failure message on the way out: exceptions from the JDK
   * (bad URLs, header values, program paths) may quote resolved values, and messages go into history and logs.
   */
  private StepResult withSecrets(BiFunction<ActivityExecutionContext, SecretScope, StepResult> step) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    SecretScope secrets = new SecretScope(environment);
    int attempt = context.getInfo().getAttempt();
    try {
      return step.apply(context, secrets);
    } catch (ActivityCompletionException cancelledOrGone) {
      throw cancelledOrGone;
    } catch (SecretUnresolvedException e) {
      throw StepFailure.of(StepFailures.SECRET_UNRESOLVED, e.getMessage(), attempt);
    } catch (ApplicationFailure failure) {
      throw masked(failure, secrets, attempt);
    } catch (RuntimeException unexpected) {
      String message = unexpected.getClass().getSimpleName() + (unexpected.getMessage() == null ? "" : ": " + unexpected.getMessage());
      throw StepFailure.of(StepFailures.STEP_ERROR, secrets.mask(message), attempt);
    }
  }

  /** The failure itself when its message holds no secret, otherwise a copy with the message masked. */
  private static ApplicationFailure masked(ApplicationFailure failure, SecretScope secrets, int attempt) {
    String masked = secrets.mask(failure.getOriginalMessage());
    if (masked.equals(failure.getOriginalMessage())) {
      return failure;
    }
    if (failure.getDetails().getSize() == 0) {
      return StepFailure.of(failure.getType(), masked, attempt);
    }
    StepFailureDetails details = failure.getDetails().get(StepFailureDetails.class);
    return StepFailure.of(failure.getType(), masked, details.attempt(), details.evidence());
  }
}
