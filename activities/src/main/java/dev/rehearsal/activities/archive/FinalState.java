package dev.rehearsal.activities.archive;

import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;

/** The last state of a closed run: its result, or for a run ended from outside, its history replayed to the end. */
public final class FinalState {
  private FinalState() {}

  public static RehearsalState of(WorkflowClient client, String runId) {
    try {
      return client.newUntypedWorkflowStub(runId).getResult(RehearsalState.class);
    } catch (WorkflowFailedException endedFromOutside) {
      // Terminated, timed out or cancelled through Temporal itself (the API's cancel ends runs normally): no result,
      // but a query replays the history to the last state.
      RunStatus status = endedFromOutside.getCause() instanceof TimeoutFailure ? RunStatus.TIMED_OUT
          : endedFromOutside.getCause() instanceof CanceledFailure ? RunStatus.CANCELLED
          : RunStatus.FAILED;
      return client.newWorkflowStub(RehearsalWorkflow.class, runId).state().withStatus(status);
    }
  }
}
