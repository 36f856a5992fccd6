package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.workflows.steps.EvidenceRef;
import java.time.Instant;
import java.util.List;

/** Who completed a manual step, when, how, with which note and attachments: shown on the step in the run's state. */
public record ManualCompletionRecord(String actor, CompletionOutcome outcome, String note, List<EvidenceRef> attachments,
    Instant at) {

  public ManualCompletionRecord {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** The step's summary: what the evidence digest hashes, so an approver signs who confirmed it and what they wrote. */
  String summary() {
    StringBuilder text = new StringBuilder(outcome == CompletionOutcome.CONFIRMED ? "confirmed" : "reported failed")
        .append(" by ").append(actor).append(" at ").append(at);
    if (note != null && !note.isBlank()) {
      text.append(": ").append(note);
    }
    return text.toString();
  }
}
