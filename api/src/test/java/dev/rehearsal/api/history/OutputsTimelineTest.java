package dev.rehearsal.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.rehearsals.RefusalLog;
import dev.rehearsal.worker.RehearsalProperties;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auditors see what a step handed on: ordinary outputs in the timeline, secret ones not at all. */
class OutputsTimelineTest {
  @TempDir Path dir;

  @Test
  void theTimelineShowsOrdinaryOutputsOfSucceededStepsAndNoSecretOnes() throws Exception {
    Path recorded = Path.of(getClass().getResource("/histories/outputs-secret-token-handed-on.json").toURI());
    WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(Files.readString(recorded));
    List<TimelineEntry> timeline;
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      WorkflowClient client = env.getWorkflowClient();
      timeline = new HistoryTimeline(client, new RefusalLog(new RehearsalProperties(RehearsalProperties.Mode.ALL, dir, "q")))
          .of(history.getWorkflowExecution().getWorkflowId(), history);
    }

    List<TimelineEntry> succeeded = timeline.stream().filter(e -> e.type().equals("STEP_SUCCEEDED")).toList();
    assertThat(succeeded).extracting(TimelineEntry::step).contains("login", "build", "pg", "refresh");
    assertThat(outputs(succeeded, "login")).as("the secret token is not there").containsOnlyKeys("requestId", "loginStatus")
        .containsEntry("loginStatus", "200");
    assertThat(outputs(succeeded, "build")).containsEntry("build", "abc123").containsEntry("ticket", "ticket-42");
    assertThat(outputs(succeeded, "version")).containsEntry("major", "16");
    assertThat(succeeded.stream().filter(e -> e.step().equals("refresh")).findFirst().orElseThrow().detail())
        .doesNotContainKey("outputs");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> outputs(List<TimelineEntry> entries, String step) {
    return (Map<String, Object>) entries.stream().filter(e -> e.step().equals(step)).findFirst().orElseThrow().detail().get("outputs");
  }
}
