package dev.rehearsal.workflows.archive;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Archives one rehearsal once it has closed, whatever its end: waits for it, then writes its history, final state,
 * reports and evidence index to the archive with a manifest chained to the previous one. Started (by the API) before
 * the run itself, with the id {@code archive-<run id>}, so that no run can start without its archiver.
 */
@WorkflowInterface
public interface ArchiveWorkflow {
  static String idFor(String runId) {
    return "archive-" + runId;
  }

  @WorkflowMethod
  ArchiveResult archive(ArchiveInput input);
}
