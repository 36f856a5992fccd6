package dev.rehearsal.activities.steps;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.secrets.SecretUnresolvedException;
import dev.rehearsal.workflows.steps.CommandStepInput;
import dev.rehearsal.workflows.steps.HttpStepInput;
import dev.rehearsal.workflows.steps.StepActivities;
import dev.rehearsal.workflows.steps.StepFailures;
import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.function.Function;
import java.util.function.UnaryOperator;

public class StepActivitiesImpl implements StepActivities {
  private final CommandStep commands;
  private final HttpCheck http;

  /** @param environment where {@code ${env:NAME}} secrets are looked up (the worker's environment in production) */
  public StepActivitiesImpl(EvidenceStore evidence, UnaryOperator<String> environment) {
    this.commands = new CommandStep(evidence, environment);
    this.http = new HttpCheck(evidence, environment);
  }

  @Override
  public StepResult runCommand(CommandStepInput input) {
    return withSecrets(context -> commands.run(context, input));
  }

  @Override
  public StepResult checkHttp(HttpStepInput input) {
    return withSecrets(context -> http.run(context, input));
  }

  private static StepResult withSecrets(Function<ActivityExecutionContext, StepResult> step) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    try {
      return step.apply(context);
    } catch (SecretUnresolvedException e) {
      throw StepFailure.of(StepFailures.SECRET_UNRESOLVED, e.getMessage(), context.getInfo().getAttempt());
    }
  }
}
