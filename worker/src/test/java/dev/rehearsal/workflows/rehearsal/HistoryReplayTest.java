package dev.rehearsal.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.workflows.archive.ArchiveKeeperWorkflowImpl;
import dev.rehearsal.workflows.archive.ArchiveWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Histories recorded from earlier versions of the workflow must still replay: a change that would break runs in
 * flight (or the replay of archived ones) fails the build here. Refresh them only on purpose, with a versioning plan.
 */
class HistoryReplayTest {

  static List<Path> histories() throws IOException, URISyntaxException {
    Path dir = Path.of(HistoryReplayTest.class.getResource("/histories").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertThat(found).hasSizeGreaterThanOrEqualTo(5);
      return found;
    }
  }

  @ParameterizedTest
  @MethodSource("histories")
  void replaysWithTheCurrentWorkflowCode(Path history) throws Exception {
    String json = Files.readString(history);
    WorkflowExecutionHistory recorded = replayId(json).map(id -> WorkflowExecutionHistory.fromJson(json, id))
        .orElseGet(() -> WorkflowExecutionHistory.fromJson(json));
    WorkflowReplayer.replayWorkflowExecution(recorded,
        RehearsalWorkflowImpl.class, ArchiveWorkflowImpl.class, ArchiveKeeperWorkflowImpl.class);
  }

  /**
   * A run whose keeper was gone started its own archiver, whose id is made of the run's: it replays under its
   * recorded id (read back from that archiver's) rather than the replayer's made-up one.
   */
  private static Optional<String> replayId(String json) {
    Matcher archiver = OWN_ARCHIVER.matcher(json);
    return archiver.find() ? Optional.of(archiver.group(1)) : Optional.empty();
  }

  private static final Pattern OWN_ARCHIVER = Pattern.compile(
      "\"startChildWorkflowExecutionInitiatedEventAttributes\": \\{\\s*\"namespace\": \"[^\"]*\",\\s*\"workflowId\": \"archive-([^\"]+)\"");
}
