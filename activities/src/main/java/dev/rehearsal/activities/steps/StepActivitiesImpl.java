package dev.rehearsal.activities.steps;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.process.StepIsolation;
import dev.rehearsal.activities.secrets.SecretOutputStore;
import dev.rehearsal.activities.secrets.WorkerSecrets;
import dev.rehearsal.workflows.steps.AssertStepInput;
import dev.rehearsal.workflows.steps.CommandStepInput;
import dev.rehearsal.workflows.steps.HttpStepInput;
import dev.rehearsal.workflows.steps.StepActivities;
import dev.rehearsal.workflows.steps.StepResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

public class StepActivitiesImpl implements StepActivities {
  private final CommandStep commands;
  private final HttpCheck http;
  private final AssertCheck assertions = new AssertCheck();
  private final WorkerSecrets secrets;

  /**
   * Every run may use every secret; command steps isolated as far as this process can (as user nobody when it runs
   * as root).
   *
   * @param environment where {@code ${env:NAME}} secrets are looked up (the worker's environment in production)
   */
  public StepActivitiesImpl(EvidenceStore evidence, UnaryOperator<String> environment) {
    this(evidence, WorkerSecrets.unrestricted(environment), StepIsolation.forThisProcess(null));
  }

  public StepActivitiesImpl(EvidenceStore evidence, WorkerSecrets secrets, StepIsolation isolation) {
    List<Path> workerFiles = new ArrayList<>(secrets.gate().workerFiles());
    workerFiles.add(evidence.dataDir());
    this.commands = new CommandStep(evidence, secrets.environment(), isolation, new WorkerOwnFiles(workerFiles));
    this.http = new HttpCheck(evidence);
    // Secret outputs live in the data directory that every worker of this installation shares.
    this.secrets = secrets.withOutputs(new SecretOutputStore(evidence.dataDir()));
  }

  @Override
  public StepResult runCommand(CommandStepInput input) {
    return StepAttempt.run(secrets, (context, scope) ->
        UntilPoller.run(context, input.until(), scope, polling -> commands.run(polling, input, scope)));
  }

  @Override
  public StepResult checkHttp(HttpStepInput input) {
    return StepAttempt.run(secrets, (context, scope) ->
        UntilPoller.run(context, input.until(), scope, polling -> http.run(polling, input, scope)));
  }

  @Override
  public StepResult checkAssertion(AssertStepInput input) {
    return StepAttempt.run(secrets, (context, scope) -> assertions.run(context, input, scope));
  }
}
