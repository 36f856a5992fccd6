package dev.rehearsal.api.rehearsals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.worker.RehearsalProperties;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index's file is written one line at a time, and a list never waits for a line on its way to disk. */
class RunIndexTest {
  @TempDir Path data;

  @Test
  void aListDoesNotWaitWhileAStartIsBeingWritten() throws Exception {
    RunIndex index = new RunIndex(new RehearsalProperties(RehearsalProperties.Mode.ALL, data, "rehearsal"));
    RunSummary first = RunSummary.started("rh-first", "p", "staging", "v1", "alice", Instant.EPOCH);
    RunSummary second = RunSummary.started("rh-second", "p", "staging", "v2", "alice", Instant.EPOCH);
    index.started(first);
    // A named pipe in place of the file: the next write blocks until someone reads, like a very slow disk.
    Path file = data.resolve("index").resolve("runs.jsonl");
    Files.delete(file);
    assertThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor()).isZero();

    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> index.started(second));
    Thread.sleep(200);
    assertThat(writing).as("the start's line is still being written").isNotDone();
    List<RunSummary> listed = CompletableFuture.supplyAsync(index::newestFirst).get(2, TimeUnit.SECONDS);
    assertThat(listed).extracting(RunSummary::id).containsExactly("rh-first");

    try (BufferedReader disk = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      assertThat(disk.readLine()).contains("rh-second");
    }
    writing.get(5, TimeUnit.SECONDS);
    assertThat(index.newestFirst()).extracting(RunSummary::id).containsExactly("rh-second", "rh-first");
  }
}
