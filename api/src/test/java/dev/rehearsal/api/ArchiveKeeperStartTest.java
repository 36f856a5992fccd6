package dev.rehearsal.api;

import static dev.rehearsal.api.LocalApp.ALICE;
import static dev.rehearsal.api.LocalApp.BOB;
import static dev.rehearsal.api.LocalApp.DAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.testing.Await;
import dev.rehearsal.workflows.archive.ArchiveKeeperWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A run started through the API is registered with one of the configured archive keepers before it starts, names
 * that keeper, and is archived once signed off; no per-run archiver is started.
 */
class ArchiveKeeperStartTest {
  @TempDir Path data;

  @Test
  void aStartedRunIsWatchedByItsKeeperBeforeItStartsAndArchivedWhenItEnds() throws Exception {
    try (ConfigurableApplicationContext app = LocalApp.start(data, "--rehearsal.archive.keepers=2")) {
      ApiClient api = LocalApp.client(app);
      WorkflowClient temporal = app.getBean(WorkflowClient.class);
      String id = LocalApp.startAndAwaitApproval(api, "kept", "v1");

      String keeper = List.of(ArchiveKeeperWorkflow.idFor(0), ArchiveKeeperWorkflow.idFor(1)).get(Math.floorMod(id.hashCode(), 2));
      HistoryEvent watched = temporal.fetchHistory(keeper).getEvents().stream()
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
          .filter(e -> e.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals("watch"))
          .filter(e -> id.equals(DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
              e.getWorkflowExecutionSignaledEventAttributes().getInput().getPayloads(0), String.class, String.class)))
          .findFirst().orElseThrow();
      HistoryEvent started = temporal.fetchHistory(id).getEvents().get(0);
      assertThat(watched.getEventTime().getSeconds() * 1_000_000_000L + watched.getEventTime().getNanos())
          .as("the keeper heard of the run before the run started")
          .isLessThanOrEqualTo(started.getEventTime().getSeconds() * 1_000_000_000L + started.getEventTime().getNanos());
      assertThat(started.getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0).getData().toStringUtf8())
          .contains("\"archiveKeeper\":\"" + keeper + "\"");
      assertThatThrownBy(() -> temporal.newUntypedWorkflowStub("archive-" + id).describe()).as("a per-run archiver")
          .isInstanceOf(RuntimeException.class);

      String digest = api.get("/api/v1/rehearsals/" + id, DAVE).json().get("evidenceDigest").asText();
      assertThat(api.postJson("/api/v1/rehearsals/" + id + "/approvals", BOB,
          Map.of("decision", "APPROVE", "comment", "ok", "evidenceDigest", digest)).status()).isEqualTo(200);
      Await.until(() -> new Archive(data).find(id).isPresent(), "the run to be archived");
      assertThat(api.get("/api/v1/rehearsals/" + id, ALICE).json().get("status").asText()).isEqualTo("SUCCEEDED");
    }
  }
}
