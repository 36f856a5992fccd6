package dev.rehearsal.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import dev.rehearsal.api.rehearsals.RefusalLog;
import dev.rehearsal.worker.RehearsalProperties;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reminders show in the timeline as the webhook posts they are (NOTIFIED, event reminder); their timers are never
 * mistaken for sign-off's own (one AWAITING_APPROVAL, one SIGNOFF_TIMED_OUT).
 */
class ReminderTimelineTest {
  @TempDir Path dir;

  @Test
  void aTimedOutSignoffWithRemindersShowsOneWaitOneTimeoutAndEachReminder() throws Exception {
    WorkflowExecutionHistory history;
    try (InputStream recorded = getClass().getResourceAsStream("/histories/reminders-signoffTimedOut.json")) {
      history = WorkflowExecutionHistory.fromJson(new String(recorded.readAllBytes(), StandardCharsets.UTF_8));
    }
    List<TimelineEntry> timeline;
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      WorkflowClient client = env.getWorkflowClient();
      timeline = new HistoryTimeline(client, new RefusalLog(new RehearsalProperties(RehearsalProperties.Mode.ALL, dir, "q")))
          .of(history.getWorkflowExecution().getWorkflowId(), history);
    }

    assertThat(timeline).filteredOn(e -> e.type().equals("AWAITING_APPROVAL")).hasSize(1);
    assertThat(timeline).filteredOn(e -> e.type().equals("SIGNOFF_TIMED_OUT")).hasSize(1);
    assertThat(timeline).filteredOn(e -> e.type().equals("NOTIFIED")).extracting(e -> e.detail().get("event"))
        .containsExactly("awaitingApproval", "reminder", "reminder", "reminder", "waitTimedOut", "ended");
  }
}
