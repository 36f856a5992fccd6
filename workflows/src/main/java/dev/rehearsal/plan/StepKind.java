package dev.rehearsal.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Every step kind of the plan format, with the timeout of a step that sets none. */
public enum StepKind {
  COMMAND("command", CommandSpec.DEFAULT_TIMEOUT),
  HTTP("http", HttpSpec.DEFAULT_TIMEOUT),
  RERUN("rerun", null),
  SQL("sql", SqlSpec.DEFAULT_TIMEOUT),
  POSTGRES_SNAPSHOT("postgres.snapshot", SnapshotSpec.DEFAULT_TIMEOUT),
  POSTGRES_RESTORE("postgres.restore", RestoreSpec.DEFAULT_TIMEOUT),
  LOAD("load", LoadSpec.DEFAULT_TIMEOUT);

  private final String key;
  private final String defaultTimeout;

  StepKind(String key, String defaultTimeout) {
    this.key = key;
    this.defaultTimeout = defaultTimeout;
  }

  /** The timeout of a step of this kind that sets none, when the plan has no default either. */
  public String defaultTimeout() {
    return defaultTimeout;
  }

  public String key() {
    return key;
  }

  /** Every kind's key, in declaration order. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(StepKind::key).toList();
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
