package dev.rehearsal.plan;

import java.util.Optional;

/** Every step kind of the plan format, and whether this build can run it yet. */
public enum StepKind {
  COMMAND("command", true, CommandSpec.DEFAULT_TIMEOUT),
  HTTP("http", true, HttpSpec.DEFAULT_TIMEOUT),
  RERUN("rerun", true, null),
  SQL("sql", true, SqlSpec.DEFAULT_TIMEOUT),
  POSTGRES_SNAPSHOT("postgres.snapshot", true, SnapshotSpec.DEFAULT_TIMEOUT),
  POSTGRES_RESTORE("postgres.restore", true, RestoreSpec.DEFAULT_TIMEOUT),
  LOAD("load", true, LoadSpec.DEFAULT_TIMEOUT);

  private final String key;
  private final boolean supported;
  private final String defaultTimeout;

  StepKind(String key, boolean supported, String defaultTimeout) {
    this.key = key;
    this.supported = supported;
    this.defaultTimeout = defaultTimeout;
  }

  /** The timeout of a step of this kind that sets none, when the plan has no default either. */
  public String defaultTimeout() {
    return defaultTimeout;
  }

  public String key() {
    return key;
  }

  public boolean supported() {
    return supported;
  }

  public static Optional<StepKind> fromKey(String key) {
    for (StepKind kind : values()) {
      if (kind.key.equals(key)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
