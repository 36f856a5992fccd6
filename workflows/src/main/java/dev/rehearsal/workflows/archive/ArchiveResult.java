package dev.rehearsal.workflows.archive;

/**
 * Where the run sits in the archive's chain; {@code sequence} 0 and null hashes when the run never started (its start
 * failed after the archiver's).
 */
public record ArchiveResult(String runId, long sequence, String manifestSha256, String previousSha256) {
  public static ArchiveResult neverStarted(String runId) {
    return new ArchiveResult(runId, 0, null, null);
  }

  public boolean archived() {
    return sequence > 0;
  }
}
