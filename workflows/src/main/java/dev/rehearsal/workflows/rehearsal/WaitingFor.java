package dev.rehearsal.workflows.rehearsal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * What a running run waits for from a person: a manual step to be completed or a decision on a failed step, which
 * step, since when, and who may act ({@code who}: a role such as {@code ENGINEER} or {@code group:dba}).
 */
public record WaitingFor(Kind kind, String step, Instant since, String who) {
  public enum Kind {
    MANUAL("manual"),
    DECISION("decision");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }
  }
}
