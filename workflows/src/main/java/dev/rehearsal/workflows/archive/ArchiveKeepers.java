package dev.rehearsal.workflows.archive;

import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

/**
 * The client's side of the archive keepers: which of the {@code count} keepers watches a run, and registering the run
 * with it (starting the keeper if it is not running) before the run itself starts.
 */
public record ArchiveKeepers(WorkflowClient client, String taskQueue, int count) {
  public static final int DEFAULT_COUNT = 4;

  public ArchiveKeepers {
    if (count < 1) {
      throw new IllegalArgumentException("archive keepers must be at least 1, not " + count);
    }
  }

  public String keeperOf(String runId) {
    return ArchiveKeeperWorkflow.idFor(Math.floorMod(runId.hashCode(), count));
  }

  /** Registers the run with its keeper and returns the keeper's id; throws (and nothing watches it) if that failed. */
  public String register(String runId) {
    String keeperId = keeperOf(runId);
    for (int attempt = 1; ; attempt++) {
      // A stub per attempt: one that has started (or tried to start) an execution cannot try again.
      ArchiveKeeperWorkflow keeper = client.newWorkflowStub(ArchiveKeeperWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(keeperId).setTaskQueue(taskQueue).build());
      BatchRequest watch = client.newSignalWithStartRequest();
      watch.add(keeper::keep, KeeperInput.fresh());
      watch.add(keeper::watch, runId);
      try {
        client.signalWithStart(watch);
        return keeperId;
      } catch (WorkflowExecutionAlreadyStarted raced) {
        // Two first registrations at once: the in-memory server may start the keeper for one and refuse the other,
        // which then finds it running and only signals it.
        if (attempt == 3) {
          // Not a repeat of the run's start (which the caller may read that exception as): a failure to register.
          throw new IllegalStateException("run " + runId + " could not be registered with " + keeperId, raced);
        }
      }
    }
  }
}
