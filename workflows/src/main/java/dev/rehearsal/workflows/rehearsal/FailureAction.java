package dev.rehearsal.workflows.rehearsal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an ENGINEER decides about a step that failed with {@code onFailure: ask}. Written by its wire name into
 * requests, history, state, reports and exports, so the names never change.
 */
public enum FailureAction {
  /** A fresh attempt of the failed step; earlier steps do not run again. */
  RETRY("retry"),
  /** The step ends SKIPPED with the reason, and a gate that must be waived at sign-off records the skip. */
  SKIP("skip"),
  /** The rollback phase runs; the run ends FAILED. */
  ROLLBACK("rollback"),
  /** The run ends CANCELLED; the rollback phase does not run. */
  ABORT("abort");

  private final String wire;

  FailureAction(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** The action a request names (any case); empty for anything else. */
  public static Optional<FailureAction> of(String text) {
    String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(a -> a.wire.equals(wanted)).findFirst();
  }

  @JsonCreator
  static FailureAction fromWire(String text) {
    return of(text).orElseThrow(() -> new IllegalArgumentException("unknown failure action '" + text + "'"));
  }
}
