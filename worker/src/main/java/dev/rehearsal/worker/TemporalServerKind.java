package dev.rehearsal.worker;

/** What kind of Temporal server this process talks to; the label is what the log and the health detail show. */
public enum TemporalServerKind {
  /** A cluster at {@code temporal.address}: the only kind where development tokens are refused. */
  REMOTE("remote", true),
  /** {@code temporal server start-dev} from the CLI, keeping its state in the data directory. */
  DEV_SERVER("temporal-cli-dev-server", true),
  /** The SDK's in-memory test server: runs are lost when the process stops. */
  IN_MEMORY("in-memory-test-server", false);

  private final String label;
  private final boolean persistent;

  TemporalServerKind(String label, boolean persistent) {
    this.label = label;
    this.persistent = persistent;
  }

  public String label() {
    return label;
  }

  /** Whether runs outlive this process. */
  public boolean persistent() {
    return persistent;
  }

  public boolean isRemote() {
    return this == REMOTE;
  }
}
