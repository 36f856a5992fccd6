package dev.rehearsal.api.history;

import dev.rehearsal.workflows.rehearsal.PersonWaitReminders;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells a reminder's timer (started and fired) from sign-off's own timer, which the timeline shows as awaiting approval
 * and its timeout; the reminders themselves show as the webhook posts they are.
 */
final class ReminderTimers {
  private final Set<Long> started = new HashSet<>();

  boolean isReminder(HistoryEvent e, DataConverter converter) {
    if (e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED && e.hasUserMetadata() && e.getUserMetadata().hasSummary()
        && PersonWaitReminders.TIMER_SUMMARY.equals(
            converter.fromPayload(e.getUserMetadata().getSummary(), String.class, String.class))) {
      started.add(e.getEventId());
      return true;
    }
    return e.getEventType() == EventType.EVENT_TYPE_TIMER_FIRED
        && started.contains(e.getTimerFiredEventAttributes().getStartedEventId());
  }
}
