package dev.rehearsal.workflows.archive;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Archives one rehearsal once it has closed, whatever its end: waits for it, then writes its history, final state,
 * reports and evidence index to the archive with a manifest chained to the previous one. Started (by the API) before
 * the run itself, with the id {@code archive-<run id>}, so that no run can start without its archiver. Waiting costs
 * no activity slot: the run signals {@link #runEnded} as its last act, and a rare quick look catches runs ended from
 * outside (terminated, timed out) or never started.
 */
@WorkflowInterface
public interface ArchiveWorkflow {
  static String idFor(String runId) {
    return "archive-" + runId;
  }

  @WorkflowMethod
  ArchiveResult archive(ArchiveInput input);

  @SignalMethod
  void runEnded(RunEnded end);
}
