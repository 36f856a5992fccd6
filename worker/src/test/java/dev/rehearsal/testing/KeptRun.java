package dev.rehearsal.testing;

import dev.rehearsal.workflows.archive.ArchiveKeepers;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/** A one-step run that awaits sign-off, started as the API starts runs: registered with its archive keeper first. */
public final class KeptRun {
  private KeptRun() {}

  public static RehearsalWorkflow start(ArchiveKeepers keepers, String id, String planName) {
    String keeper = keepers.register(id);
    WorkflowClient client = keepers.client();
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(keepers.taskQueue()).setWorkflowId(id).build());
    WorkflowClient.start(run::run, ArchivedRun.input(planName).withArchiveKeeper(keeper));
    return run;
  }
}
