package dev.rehearsal.api.history;

import dev.rehearsal.workflows.rehearsal.FailureDecisions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The timers with which a failed step waits for a decision ({@code onFailure: ask}), told apart from the sign-off
 * timer by the summary the workflow gives them: when the wait began and when it ran out. One per timeline.
 */
final class DecisionWaits {
  private final DataConverter converter;
  /** The failed step each decision timer waits for, by its TimerStarted event id. */
  private final Map<Long, String> stepByTimer = new HashMap<>();

  DecisionWaits(DataConverter converter) {
    this.converter = converter;
  }

  /** The entry for a decision timer's event; empty for every other event, which the timeline tells as before. */
  Optional<TimelineEntry> entry(HistoryEvent e) {
    long seq = e.getEventId();
    Instant at = Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos());
    return switch (e.getEventType()) {
      case EVENT_TYPE_TIMER_STARTED -> step(e).map(step -> {
        stepByTimer.put(seq, step);
        var timeout = e.getTimerStartedEventAttributes().getStartToFireTimeout();
        return new TimelineEntry(seq, at, "DECISION_AWAITED", null, step, HistoryTimeline.detail("who", "ENGINEER",
            "timeout", Duration.ofSeconds(timeout.getSeconds(), timeout.getNanos()).toString()));
      });
      case EVENT_TYPE_TIMER_FIRED -> Optional.ofNullable(stepByTimer.get(e.getTimerFiredEventAttributes().getStartedEventId()))
          .map(step -> new TimelineEntry(seq, at, "DECISION_TIMED_OUT", null, step, Map.of()));
      default -> Optional.empty();
    };
  }

  private Optional<String> step(HistoryEvent e) {
    if (!e.hasUserMetadata() || !e.getUserMetadata().hasSummary()) {
      return Optional.empty();
    }
    String summary = converter.fromPayload(e.getUserMetadata().getSummary(), String.class, String.class);
    return summary != null && summary.startsWith(FailureDecisions.TIMER_SUMMARY_PREFIX)
        ? Optional.of(summary.substring(FailureDecisions.TIMER_SUMMARY_PREFIX.length()))
        : Optional.empty();
  }
}
