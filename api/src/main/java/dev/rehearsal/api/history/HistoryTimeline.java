package dev.rehearsal.api.history;

import dev.rehearsal.api.rehearsals.RefusalLog;
import dev.rehearsal.workflows.rehearsal.ApprovalRequest;
import dev.rehearsal.workflows.rehearsal.CancelRequest;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.FailureDecisionRequest;
import dev.rehearsal.workflows.rehearsal.RefusedFailureDecision;
import dev.rehearsal.workflows.rehearsal.RefusedApproval;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.ManualCompletion;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.steps.StepActivityTypes;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The domain timeline of a run, derived from its Temporal history (which nobody can edit) plus refusals recorded
 * after the run closed.
 */
@Component
public class HistoryTimeline {
  private final WorkflowClient client;
  private final RefusalLog refusals;

  public HistoryTimeline(WorkflowClient client, RefusalLog refusals) {
    this.client = client;
    this.refusals = refusals;
  }

  public List<TimelineEntry> of(String id, WorkflowExecutionHistory history) {
    DataConverter converter = client.getOptions().getDataConverter();
    Map<Long, String> stepBySchedule = new HashMap<>();
    Map<Long, Map.Entry<String, Map<String, Object>>> sideBySchedule = new HashMap<>();
    DecisionWaits decisionWaits = new DecisionWaits(converter);
    List<TimelineEntry> timeline = new ArrayList<>();
    ReminderTimers reminders = new ReminderTimers();
    for (HistoryEvent e : history.getEvents()) {
      if (reminders.isReminder(e, converter)) {
        continue;
      }
      Optional<TimelineEntry> entry = decisionWaits.entry(e).or(() -> entry(e, converter, stepBySchedule, sideBySchedule));
      entry.ifPresent(timeline::add);
    }
    for (RefusalLog.Entry r : refusals.forRun(id)) {
      timeline.add(r.step() == null
          ? new TimelineEntry(0, r.at(), "APPROVAL_REFUSED", r.actor(), null, detail("decision", r.decision(), "reason", r.reason()))
          : new TimelineEntry(0, r.at(), "DECISION_REFUSED", r.actor(), r.step(), detail("action", r.decision(), "reason", r.reason())));
    }
    timeline.sort(Comparator.comparing(TimelineEntry::at));
    return timeline;
  }

  private Optional<TimelineEntry> entry(HistoryEvent e, DataConverter converter, Map<Long, String> stepBySchedule,
      Map<Long, Map.Entry<String, Map<String, Object>>> sideBySchedule) {
    long seq = e.getEventId();
    Instant at = Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos());
    return Optional.ofNullable(switch (e.getEventType()) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
        RehearsalInput input = decode(converter, e.getWorkflowExecutionStartedEventAttributes().getInput(), RehearsalInput.class);
        yield new TimelineEntry(seq, at, "RUN_STARTED", input.initiator(), null, detail(
            "plan", input.plan().name(), "environment", input.plan().environment(),
            "releaseCandidate", input.releaseCandidate(), "parameters", input.parameters(), "policy", input.policy()));
      }
      case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
        var a = e.getActivityTaskScheduledEventAttributes();
        @SuppressWarnings("unchecked")
        Map<String, Object> input = decode(converter, a.getInput(), Map.class);
        if (!StepActivityTypes.isStep(a.getActivityType().getName())) {
          // Not a step: a webhook post or a baseline record, told when it has happened.
          sideBySchedule.put(seq, sideEntry(a.getActivityType().getName(), input));
          yield null;
        }
        String step = String.valueOf(input.get("step"));
        stepBySchedule.put(seq, step);
        yield new TimelineEntry(seq, at, "STEP_STARTED", null, step, detail("activity", a.getActivityType().getName()));
      }
      case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
        var a = e.getActivityTaskStartedEventAttributes();
        yield a.getAttempt() <= 1 || !stepBySchedule.containsKey(a.getScheduledEventId()) ? null : new TimelineEntry(seq, at, "STEP_RETRIED", null, stepBySchedule.get(a.getScheduledEventId()),
            detail("attempt", a.getAttempt(), "previousError", a.hasLastFailure() ? a.getLastFailure().getMessage() : null));
      }
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
        var a = e.getActivityTaskCompletedEventAttributes();
        if (!stepBySchedule.containsKey(a.getScheduledEventId())) {
          Map.Entry<String, Map<String, Object>> side = sideBySchedule.get(a.getScheduledEventId());
          yield side == null ? null : new TimelineEntry(seq, at, side.getKey(), null, null, side.getValue());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = decode(converter, a.getResult(), Map.class);
        yield new TimelineEntry(seq, at, "STEP_SUCCEEDED", null, stepBySchedule.get(a.getScheduledEventId()),
            detail("summary", result.get("summary"), "attempt", result.get("attempt"), "evidence", result.get("evidence"),
                "outputs", result.get("outputs")));
      }
      case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
        var a = e.getActivityTaskFailedEventAttributes();
        yield !stepBySchedule.containsKey(a.getScheduledEventId()) ? null : failed(seq, at, stepBySchedule.get(a.getScheduledEventId()), a.getFailure(), a.getRetryState().name());
      }
      case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
        var a = e.getActivityTaskTimedOutEventAttributes();
        yield !stepBySchedule.containsKey(a.getScheduledEventId()) ? null : failed(seq, at, stepBySchedule.get(a.getScheduledEventId()), a.getFailure(), a.getRetryState().name());
      }
      case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> new TimelineEntry(seq, at, "STEP_CANCELLED", null,
          stepBySchedule.get(e.getActivityTaskCanceledEventAttributes().getScheduledEventId()), Map.of());
      case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> signal(seq, at, e, converter);
      case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> {
        var update = e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest().getInput();
        Payloads args = update.getArgs();
        if (RehearsalWorkflow.COMPLETE_MANUAL_STEP.equals(update.getName())) {
          ManualCompletion done = decode(converter, args, ManualCompletion.class);
          yield new TimelineEntry(seq, at, "MANUAL_STEP_COMPLETED", done.actor(), done.step(),
              detail("outcome", done.outcome(), "note", done.note(), "attachments", done.attachments()));
        }
        if (RehearsalWorkflow.DECIDE_FAILURE.equals(update.getName())) {
          FailureDecisionRequest request = decode(converter, args, FailureDecisionRequest.class);
          yield new TimelineEntry(seq, at, "STEP_DECIDED", request.actor(), request.step(),
              detail("action", request.action().wire(), "reason", request.reason()));
        }
        ApprovalRequest request = decode(converter, args, ApprovalRequest.class);
        yield new TimelineEntry(seq, at, request.decision() == Decision.APPROVE ? "APPROVED" : "REJECTED", request.actor(), null,
            detail("comment", request.comment(), "waivers", request.waivers(), "evidenceDigest", request.evidenceDigest()));
      }
      case EVENT_TYPE_TIMER_STARTED -> {
        var timeout = e.getTimerStartedEventAttributes().getStartToFireTimeout();
        String manualStep = manualStep(e, converter);
        if (manualStep != null) {
          stepBySchedule.put(seq, manualStep);
          yield new TimelineEntry(seq, at, "MANUAL_STEP_WAITING", null, manualStep,
              detail("timeout", Duration.ofSeconds(timeout.getSeconds(), timeout.getNanos()).toString()));
        }
        yield new TimelineEntry(seq, at, "AWAITING_APPROVAL", null, null,
            detail("timeout", Duration.ofSeconds(timeout.getSeconds(), timeout.getNanos()).toString()));
      }
      case EVENT_TYPE_TIMER_FIRED -> {
        String manualStep = stepBySchedule.get(e.getTimerFiredEventAttributes().getStartedEventId());
        yield manualStep != null ? new TimelineEntry(seq, at, "MANUAL_STEP_TIMED_OUT", null, manualStep, Map.of())
            : new TimelineEntry(seq, at, "SIGNOFF_TIMED_OUT", null, null, Map.of());
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
        RehearsalState end = decode(converter, e.getWorkflowExecutionCompletedEventAttributes().getResult(), RehearsalState.class);
        yield new TimelineEntry(seq, at, "RUN_FINISHED", null, null, detail("status", end.status()));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> new TimelineEntry(seq, at, "RUN_TERMINATED",
          e.getWorkflowExecutionTerminatedEventAttributes().getIdentity(), null,
          detail("reason", e.getWorkflowExecutionTerminatedEventAttributes().getReason()));
      case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> new TimelineEntry(seq, at, "RUN_FINISHED", null, null,
          detail("status", "FAILED", "error", e.getWorkflowExecutionFailedEventAttributes().getFailure().getMessage()));
      default -> null;
    });
  }

  private TimelineEntry signal(long seq, Instant at, HistoryEvent e, DataConverter converter) {
    var s = e.getWorkflowExecutionSignaledEventAttributes();
    return switch (s.getSignalName()) {
      case RehearsalWorkflow.CANCEL -> {
        CancelRequest request = decode(converter, s.getInput(), CancelRequest.class);
        yield new TimelineEntry(seq, at, "CANCEL_REQUESTED", request.actor(), null, detail("reason", request.reason()));
      }
      case RehearsalWorkflow.RECORD_REFUSED_FAILURE_DECISION -> {
        RefusedFailureDecision refusal = decode(converter, s.getInput(), RefusedFailureDecision.class);
        yield new TimelineEntry(seq, at, "DECISION_REFUSED", refusal.actor(), refusal.step(),
            detail("action", refusal.action(), "reason", refusal.reason()));
      }
      case RehearsalWorkflow.RECORD_REFUSED_APPROVAL -> {
        RefusedApproval refusal = decode(converter, s.getInput(), RefusedApproval.class);
        yield new TimelineEntry(seq, at, "APPROVAL_REFUSED", refusal.actor(), null,
            detail("decision", refusal.decision(), "reason", refusal.reason()));
      }
      default -> null;
    };
  }

  /** The step a manual step's timer waits for, told by the timer's summary; null for the sign-off timer. */
  private static String manualStep(HistoryEvent e, DataConverter converter) {
    if (!e.hasUserMetadata() || !e.getUserMetadata().hasSummary()) {
      return null;
    }
    String summary = converter.fromPayload(e.getUserMetadata().getSummary(), String.class, String.class);
    return summary != null && summary.startsWith(RehearsalWorkflow.MANUAL_TIMER_SUMMARY) ? summary.substring(RehearsalWorkflow.MANUAL_TIMER_SUMMARY.length()) : null;
  }

  private static Map.Entry<String, Map<String, Object>> sideEntry(String activityType, Map<String, Object> input) {
    return activityType.startsWith("Notify")
        ? Map.entry("NOTIFIED", detail("event", input.get("event")))
        : Map.entry("BASELINE_RECORDED", detail("figures", input.get("figures")));
  }

  private static TimelineEntry failed(long seq, Instant at, String step, Failure failure, String retryState) {
    String type = failure.hasApplicationFailureInfo() ? failure.getApplicationFailureInfo().getType() : null;
    return new TimelineEntry(seq, at, "STEP_FAILED", null, step,
        detail("error", failure.getMessage(), "failureType", type, "retryState", retryState));
  }

  static <T> T decode(DataConverter converter, Payloads payloads, Class<T> type) {
    return converter.fromPayloads(0, Optional.of(payloads), type, type);
  }

  /** A detail map from key, value pairs, leaving out null values. */
  static Map<String, Object> detail(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        map.put((String) pairs[i], pairs[i + 1]);
      }
    }
    return map;
  }
}
