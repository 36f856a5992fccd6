package dev.rehearsal.testing;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.TestInfo;

/**
 * With {@code -Drehearsal.record-histories=<dir>}, writes a test's last run history there as {@code
 * <prefix><test method>.json}; HistoryReplayTest replays the ones committed under {@code src/test/resources/histories}.
 */
public final class HistoryRecorder {
  private HistoryRecorder() {}

  public static void recordIfAsked(WorkflowClient client, Object lastRun, TestInfo test, String prefix) throws IOException {
    String recordTo = System.getProperty("rehearsal.record-histories");
    if (recordTo == null || lastRun == null) {
      return;
    }
    Files.createDirectories(Path.of(recordTo));
    Files.writeString(Path.of(recordTo, prefix + test.getTestMethod().orElseThrow().getName() + ".json"),
        client.fetchHistory(WorkflowStub.fromTyped(lastRun).getExecution().getWorkflowId()).toJson(true));
  }
}
