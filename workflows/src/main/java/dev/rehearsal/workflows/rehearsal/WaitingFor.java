package dev.rehearsal.workflows.rehearsal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.rehearsal.plan.ManualSpec;
import java.time.Instant;
import java.util.List;

/**
 * What a running run waits for from a person: a manual step to be completed or a decision on a failed step, which
 * step, since when, and who may act ({@code who}: a role such as {@code ENGINEER} or {@code group:dba}). {@code until}
 * (null when not set) is when the wait times out: set it and reminders tell the webhooks at that moment too. For a
 * manual step, what a page needs to show it: its {@code instructions} (Markdown, as written), its checklist {@code
 * items}, what a completion {@code requires}, and whether the initiator may complete it (all absent otherwise).
 */
public record WaitingFor(Kind kind, String step, Instant since, String who,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant until,
    @JsonInclude(JsonInclude.Include.NON_NULL) String instructions,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> items,
    @JsonInclude(JsonInclude.Include.NON_NULL) ManualSpec.Requires requires,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean initiatorMayComplete) {

  public WaitingFor(Kind kind, String step, Instant since, String who) {
    this(kind, step, since, who, null);
  }

  public WaitingFor(Kind kind, String step, Instant since, String who, Instant until) {
    this(kind, step, since, who, until, null, null, null, null);
  }

  /** A manual step waiting until {@code until}: who may complete it, and what it asks, with the defaults spelled out. */
  static WaitingFor manual(String step, Instant since, Instant until, ManualSpec spec) {
    ManualSpec.Requires requires = spec.requiresOrDefault();
    return new WaitingFor(Kind.MANUAL, step, since, spec.byOrDefault().who(), until, spec.instructions(), spec.items(),
        new ManualSpec.Requires(requires.needsNote(), requires.needsAttachment()), spec.initiatorMayCompleteOrDefault());
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
