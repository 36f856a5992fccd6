package dev.rehearsal.workflows.archive;

import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
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
      if (version >= 2 && keeper != null) {
        startOwnArchiver(runId, keeper, notDelivered);
        return;
      }
      // The SDK reports a failed external signal as an ApplicationFailure typed with the cause: mostly no open
      // archiver (started by hand or in a test, or already given up). Nobody to tell, and the run is over.
      log.warn("run {} could not tell its archiver that it ended: {}", runId, notDelivered.getType());
    }
  }

  /**
   * The keeper is gone (terminated, or reset, which loses what it watched): this run starts its own archiver, as
   * runs did before keepers, and waits until it has started. Abandoned when the run closes, that archiver looks at
   * the run a minute later, finds it closed and archives it.
   */
  private static void startOwnArchiver(String runId, String keeper, ApplicationFailure notDelivered) {
    log.warn("run {} could not tell its keeper {} that it ended ({}); starting its own archiver", runId, keeper, notDelivered.getType());
    ArchiveWorkflow archiver = Workflow.newChildWorkflowStub(ArchiveWorkflow.class, ChildWorkflowOptions.newBuilder()
        .setWorkflowId(ArchiveWorkflow.idFor(runId))
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build());
    Async.function(archiver::archive, new ArchiveInput(runId));
    try {
      Workflow.getWorkflowExecution(archiver).get();
    } catch (ChildWorkflowFailure notStarted) {
      // Already running (a repeated end cannot happen; a hand-started archiver can): it archives the run.
      log.warn("run {} could not start its own archiver: {}", runId, notStarted.getMessage());
    }
  }
}
