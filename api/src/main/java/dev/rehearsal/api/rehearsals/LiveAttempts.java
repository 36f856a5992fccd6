package dev.rehearsal.api.rehearsals;

import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowExecutionDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * The workflow learns a step's attempts only when the step ends; meanwhile Temporal's description of the pending
 * activity knows the current attempt and the last error, which a watcher wants to see.
 */
final class LiveAttempts {
  private LiveAttempts() {}

  static RehearsalState apply(RehearsalState state, WorkflowExecutionDescription description) {
    List<PendingActivityInfo> pending = description.getRawDescription().getPendingActivitiesList();
    if (pending.isEmpty()) {
      return state;
    }
    PendingActivityInfo activity = pending.get(0);
    List<StepState> steps = new ArrayList<>();
    for (StepState s : state.steps()) {
      if (s.status() == StepStatus.RUNNING) {
        String summary = activity.hasLastFailure()
            ? "attempt " + activity.getAttempt() + ", last error: " + activity.getLastFailure().getMessage()
            : progress(activity).orElse(s.summary());
        s = new StepState(s.name(), s.kind(), s.phase(), s.status(), activity.getAttempt(), s.startedAt(), s.finishedAt(), s.verdict(), summary, s.evidence());
      }
      steps.add(s);
    }
    return state.withSteps(steps);
  }

  /** What a long step last reported with its heartbeat (bytes dumped or restored so far), as its JSON. */
  private static java.util.Optional<String> progress(PendingActivityInfo activity) {
    if (!activity.hasHeartbeatDetails() || activity.getHeartbeatDetails().getPayloadsCount() == 0) {
      return java.util.Optional.empty();
    }
    String json = activity.getHeartbeatDetails().getPayloads(0).getData().toStringUtf8();
    return json.isBlank() || json.equals("null") ? java.util.Optional.empty() : java.util.Optional.of("in progress: " + json);
  }
}
