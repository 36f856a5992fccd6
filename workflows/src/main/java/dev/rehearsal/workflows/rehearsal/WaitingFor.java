package dev.rehearsal.workflows.rehearsal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * What a running run waits for from a person: a manual step to be completed or a decision on a failed step, which
 * step, since when, and who may act ({@code who}: a role such as {@code ENGINEER} or {@code group:dba}). {@code until}
 * (null when not set) is when the wait times out: set it and reminders tell the webhooks at that moment too.
 */
public record WaitingFor(Kind kind, String step, Instant since, String who,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant until) {

  public WaitingFor(Kind kind, String step, Instant since, String who) {
    this(kind, step, since, who, null);
  }

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
