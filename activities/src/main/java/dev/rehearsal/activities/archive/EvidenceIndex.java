package dev.rehearsal.activities.archive;

import dev.rehearsal.activities.evidence.EvidenceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every evidence file of a run (dumps included, file by file) with its size and sha256 when archived. The bytes stay
 * in the evidence store; the index pins them, so verify can tell when one changed or went missing.
 */
public record EvidenceIndex(List<Entry> files) {
  public record Entry(String path, long size, String sha256) {}

  /** Hashes the run's evidence now; {@code progress} is called as it goes (a heartbeat, for large dumps). */
  public static EvidenceIndex of(EvidenceStore evidence, String runId, Runnable progress) {
    Path dir = evidence.runDirectory(runId);
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return new EvidenceIndex(entries);
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        progress.run();
        entries.add(new Entry(dir.relativize(file).toString(), Files.size(file), EvidenceStore.sha256(file, progress)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index the evidence of " + runId, e);
    }
    return new EvidenceIndex(entries);
  }
}
