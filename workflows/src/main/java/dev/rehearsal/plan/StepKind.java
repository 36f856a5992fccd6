package dev.rehearsal.plan;

import java.util.Optional;

/** Every step kind of the plan format, and whether this build can run it yet. */
public enum StepKind {
  COMMAND("command", true),
  HTTP("http", true),
  RERUN("rerun", true),
  SQL("sql", false),
  POSTGRES_SNAPSHOT("postgres.snapshot", false),
  POSTGRES_RESTORE("postgres.restore", false),
  LOAD("load", false);

  private final String key;
  private final boolean supported;

  StepKind(String key, boolean supported) {
    this.key = key;
    this.supported = supported;
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
