package dev.rehearsal.workflows.archive;

/**
 * What the archiver knows of the run: it never appeared ({@code found} false), or how it stands ({@code closeStatus}:
 * Temporal's status when looked up, {@value #OPEN} while it runs; the run's own final status when it said so).
 */
public record RunClosure(String runId, boolean found, String closeStatus) {
  public static final String OPEN = "RUNNING";

  /**
   * A run that could not be looked at just now: answered as open, so that it is looked at again later (never as not
   * found, which after the start grace would drop it unarchived).
   */
  public static RunClosure lookAgain(String runId) {
    return new RunClosure(runId, true, OPEN);
  }

  public boolean stillOpen() {
    return found && OPEN.equals(closeStatus);
  }
}
