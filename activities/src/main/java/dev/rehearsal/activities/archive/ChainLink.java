package dev.rehearsal.activities.archive;

import java.time.Instant;

/** One line of {@code chain.jsonl}: the run archived at {@code sequence} and the sha256 of its manifest. */
public record ChainLink(long sequence, String runId, String manifest, String previous, Instant archivedAt) {
  private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-f]{64}");

  boolean isWellFormed() {
    return sequence > 0 && Archive.isSafe(runId) && manifest != null && SHA256.matcher(manifest).matches()
        && (previous == null || SHA256.matcher(previous).matches());
  }
}
