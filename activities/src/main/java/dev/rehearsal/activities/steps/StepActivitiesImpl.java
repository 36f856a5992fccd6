package dev.rehearsal.activities.steps;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.process.StepIsolation;
import dev.rehearsal.workflows.steps.CommandStepInput;
import dev.rehearsal.workflows.steps.HttpStepInput;
import dev.rehearsal.workflows.steps.StepActivities;
import dev.rehearsal.workflows.steps.StepResult;
import java.util.function.UnaryOperator;

public class StepActivitiesImpl implements StepActivities {
  private final CommandStep commands;
  private final HttpCheck http;
  private final UnaryOperator<String> environment;

  /** Command steps isolated as far as this process can (as user nobody when it runs as root). */
  public StepActivitiesImpl(EvidenceStore evidence, UnaryOperator<String> environment) {
    this(evidence, environment, StepIsolation.forThisProcess(null));
  }

  /** @param environment where {@code ${env:NAME}} secrets are looked up (the worker's environment in production) */
  public StepActivitiesImpl(EvidenceStore evidence, UnaryOperator<String> environment, StepIsolation isolation) {
    this.commands = new CommandStep(evidence, environment, isolation);
    this.http = new HttpCheck(evidence);
    this.environment = environment;
  }

  @Override
  public StepResult runCommand(CommandStepInput input) {
    return StepAttempt.run(environment, (context, secrets) -> commands.run(context, input, secrets));
  }

  @Override
  public StepResult checkHttp(HttpStepInput input) {
    return StepAttempt.run(environment, (context, secrets) -> http.run(context, input, secrets));
  }
}
