package dev.rehearsal.workflows.archive;

import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/** The run's side of the archive: tells its archiver that it has ended (workflow code, called by the run itself). */
public final class ArchiverNotice {
  /** The {@link Workflow#getVersion} change that added the notice; histories from before it have no such signal. */
  static final String CHANGE_ID = "run-tells-archiver";
  private static final Logger log = Workflow.getLogger(ArchiverNotice.class);

  private ArchiverNotice() {}

  public static void runEnded(RunStatus status) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return;
    }
    String runId = Workflow.getInfo().getWorkflowId();
    try {
      Workflow.newExternalWorkflowStub(ArchiveWorkflow.class, ArchiveWorkflow.idFor(runId)).runEnded(new RunEnded(runId, status));
    } catch (ApplicationFailure notDelivered) {
      // The SDK reports a failed external signal as an ApplicationFailure typed with the cause: mostly no open
      // archiver (started by hand or in a test, or already given up). Nobody to tell, and the run is over.
      log.warn("run {} could not tell its archiver that it ended: {}", runId, notDelivered.getType());
    }
  }
}
