package dev.rehearsal.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The phases of a rehearsal, in the order they run. Sign-off is always last and always present. */
public enum Phase {
  PREFLIGHT,
  SNAPSHOT,
  RESTORE,
  MIGRATE,
  DEPLOY,
  SMOKE,
  LOAD,
  ROLLBACK,
  SIGNOFF;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every phase's key, in run order. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(Phase::key).toList();
  }

  public static Optional<Phase> fromKey(String key) {
    for (Phase phase : values()) {
      if (phase.key().equals(key)) {
        return Optional.of(phase);
      }
    }
    return Optional.empty();
  }
}
