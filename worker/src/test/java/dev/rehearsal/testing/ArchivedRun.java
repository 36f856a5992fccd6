package dev.rehearsal.testing;

import dev.rehearsal.workflows.archive.ArchiveInput;
import dev.rehearsal.workflows.archive.ArchiveWorkflow;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.Map;

/** A one-step run that awaits sign-off, started as the API starts runs: its archiver first, so no run lacks one. */
public record ArchivedRun(ArchiveWorkflow archiver, RehearsalWorkflow run) {

  public static ArchivedRun start(WorkflowClient client, String queue, String id, String planName) {
    ArchiveWorkflow archiver = client.newWorkflowStub(ArchiveWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(ArchiveWorkflow.idFor(id)).build());
    WorkflowClient.start(archiver::archive, new ArchiveInput(id));
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(id).build());
    WorkflowClient.start(run::run, input(planName));
    return new ArchivedRun(archiver, run);
  }

  /** The input of such a run: one command step, then sign-off. */
  static RehearsalInput input(String planName) {
    return new RehearsalInput(Plans.parse("""
        apiVersion: rehearsal/v1
        name: %s
        environment: staging
        phases:
          smoke: [ { name: check, command: { run: [echo, checked] } } ]
          signoff: {}
        """.formatted(planName)), "v1", Map.of(), "alice");
  }
}
