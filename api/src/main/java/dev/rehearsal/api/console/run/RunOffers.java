package dev.rehearsal.api.console.run;

import java.util.List;

/**
 * What the reader may do on the run right now, each null when not offered: decide on the sign-off, complete the manual
 * step the run waits for, or decide on its failed step. What a role cannot do is not offered (the services still
 * refuse a forged post). {@code key} names what was offered, so the live part can say when that changed.
 */
public record RunOffers(Decide decide, Manual manual, FailureDecision failure, String key) {

  /**
   * The sign-off form: the evidence digest and artifacts the page showed ({@code name=sha256}, sent back to tell
   * what changed if the digest went stale), and one waiver per WARN or INCONCLUSIVE gate.
   */
  public record Decide(String evidenceDigest, List<String> shownEvidence, List<WaiverGate> waiverGates) {}

  /** A gate that needs a waiver, with what it measured, shown beside its waiver field. */
  public record WaiverGate(String name, String verdict, String measured) {}

  /** A manual step's completion form: its instructions (shown as text), checklist and what a completion needs. */
  public record Manual(String step, String instructions, List<String> items, boolean needsNote, boolean needsAttachment) {}

  /** The decision on a failed step: retry, skip, roll back or abort. */
  public record FailureDecision(String step) {}

  static RunOffers none() {
    return new RunOffers(null, null, null, "");
  }
}
