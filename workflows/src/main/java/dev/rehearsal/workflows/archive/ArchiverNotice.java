package dev.rehearsal.workflows.archive;

import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * The run's side of the archive: tells its archive keeper (or, for runs started before keepers or without one, its
 * own archiver) that it has ended (workflow code, called by the run itself).
 */
public final class ArchiverNotice {
  /**
   * The {@link Workflow#getVersion} change that added the notice (1; histories from before it have no such signal),
   * then told the keeper named in the run's input instead of the per-run archiver (2).
   */
  static final String CHANGE_ID = "run-tells-archiver";
  private static final Logger log = Workflow.getLogger(ArchiverNotice.class);

  private ArchiverNotice() {}

  /** @param keeper the run's archive keeper's workflow id; null when the run has its own archiver */
  public static void runEnded(RunStatus status, String keeper) {
    int version = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 2);
    if (version == Workflow.DEFAULT_VERSION) {
      return;
    }
    String runId = Workflow.getInfo().getWorkflowId();
    RunEnded end = new RunEnded(runId, status);
    try {
      if (version >= 2 && keeper != null) {
        Workflow.newExternalWorkflowStub(ArchiveKeeperWorkflow.class, keeper).runEnded(end);
      } else {
        Workflow.newExternalWorkflowStub(ArchiveWorkflow.class, ArchiveWorkflow.idFor(runId)).runEnded(end);
      }
    } catch (ApplicationFailure notDelivered) {
      // The SDK reports a failed external signal as an ApplicationFailure typed with the cause: mostly no open
      // archiver (started by hand or in a test, or already given up). Nobody to tell, and the run is over.
      log.warn("run {} could not tell its archiver that it ended: {}", runId, notDelivered.getType());
    }
  }
}
