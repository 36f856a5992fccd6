package dev.rehearsal.workflows.archive;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One of a small fixed set of long-lived workflows that archive closed rehearsals, instead of one archiver per run.
 * The API registers a run with its keeper ({@link #watch}, by signal-with-start) before it starts the run, so no run
 * exists unwatched; the run's last act is {@link #runEnded}; occasional batched looks catch runs ended from outside
 * (terminated, timed out) or never started. Runs are spread over the keepers by id ({@link ArchiveKeepers}) so that
 * no single workflow takes every signal. It continues as new to keep its history short, carrying what it watches.
 */
@WorkflowInterface
public interface ArchiveKeeperWorkflow {
  static String idFor(int shard) {
    return "archive-keeper-" + shard;
  }

  @WorkflowMethod
  void keep(KeeperInput input);

  /** Watch this run until it has closed, then archive it. */
  @SignalMethod
  void watch(String runId);

  @SignalMethod
  void runEnded(RunEnded end);
}
