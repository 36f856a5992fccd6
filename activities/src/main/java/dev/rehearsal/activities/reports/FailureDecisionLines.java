package dev.rehearsal.activities.reports;

import dev.rehearsal.workflows.rehearsal.FailureDecisionRecord;
import dev.rehearsal.workflows.rehearsal.FailureDecisionsState;
import dev.rehearsal.workflows.rehearsal.RefusedFailureDecisionRecord;
import java.util.ArrayList;
import java.util.List;

/** Decisions on failed steps as plain sentences, in the order they came, for the Markdown and HTML reports to format. */
final class FailureDecisionLines {
  private FailureDecisionLines() {}

  static List<String> of(FailureDecisionsState state) {
    List<String> lines = new ArrayList<>();
    if (state == null) {
      return lines;
    }
    for (FailureDecisionRecord d : state.decisions()) {
      String who = d.timedOut() ? "nobody decided in time" : "by " + d.actor();
      lines.add(d.action().wire() + " on step " + d.step() + " " + who + " at " + Format.time(d.at())
          + (d.reason() == null || d.reason().isBlank() ? "" : ": " + d.reason().strip()));
    }
    for (RefusedFailureDecisionRecord r : state.refused()) {
      lines.add("refused: " + r.action() + " on step " + r.step() + " by " + r.actor() + " at " + Format.time(r.at())
          + ": " + r.reason());
    }
    return lines;
  }
}
