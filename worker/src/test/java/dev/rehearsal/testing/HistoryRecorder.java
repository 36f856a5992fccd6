package dev.rehearsal.testing;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
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
    record(client.fetchHistory(WorkflowStub.fromTyped(lastRun).getExecution().getWorkflowId()), recordTo, test, prefix);
  }

  /** The same, for a history already fetched (one run of a chain of continue-as-new, say). */
  public static void recordIfAsked(WorkflowExecutionHistory history, TestInfo test, String prefix) throws IOException {
    String recordTo = System.getProperty("rehearsal.record-histories");
    if (recordTo != null) {
      record(history, recordTo, test, prefix);
    }
  }

  private static void record(WorkflowExecutionHistory history, String recordTo, TestInfo test, String prefix) throws IOException {
    Files.createDirectories(Path.of(recordTo));
    Files.writeString(Path.of(recordTo, prefix + test.getTestMethod().orElseThrow().getName() + ".json"), history.toJson(true));
  }
}
