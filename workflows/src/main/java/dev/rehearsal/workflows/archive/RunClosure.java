package dev.rehearsal.workflows.archive;

/**
 * What the archiver knows of the run: it never appeared ({@code found} false), or how it stands ({@code closeStatus}:
 * Temporal's status when looked up, {@value #OPEN} while it runs; the run's own final status when it said so).
 */
public record RunClosure(String runId, boolean found, String closeStatus) {
  public static final String OPEN = "RUNNING";

  public boolean stillOpen() {
    return found && OPEN.equals(closeStatus);
  }
}
