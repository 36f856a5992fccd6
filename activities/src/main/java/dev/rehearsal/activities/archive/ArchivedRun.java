package dev.rehearsal.activities.archive;

import dev.rehearsal.workflows.rehearsal.RehearsalState;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A run as archived: what the API serves for it once Temporal no longer knows it. */
public record ArchivedRun(String runId, Path directory) {

  public RehearsalState state() {
    try {
      return ArchiveJson.read(bytes(Archive.STATE), RehearsalState.class);
    } catch (IOException e) {
      throw new UncheckedIOException("archived state of " + runId + " is unreadable", e);
    }
  }

  /** The raw Temporal history JSON, replayable by {@code WorkflowReplayer}. */
  public String historyJson() {
    return new String(bytes(Archive.HISTORY), StandardCharsets.UTF_8);
  }

  public WorkflowExecutionHistory history() {
    return WorkflowExecutionHistory.fromJson(historyJson(), runId);
  }

  public ArchiveManifest manifest() {
    try {
      return ArchiveJson.read(bytes(Archive.MANIFEST), ArchiveManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("archived manifest of " + runId + " is unreadable", e);
    }
  }

  byte[] bytes(String name) {
    try {
      return Files.readAllBytes(directory.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read archived " + name + " of " + runId, e);
    }
  }
}
