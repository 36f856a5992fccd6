package dev.rehearsal.api.audit;

import dev.rehearsal.workflows.rehearsal.FailureDecisionRecord;
import dev.rehearsal.workflows.rehearsal.FailureDecisionsState;
import dev.rehearsal.workflows.rehearsal.RefusedFailureDecisionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The export's rows for decisions on failed steps ({@code onFailure: ask}): taken, timed out and refused. */
final class FailureDecisionRows {
  private FailureDecisionRows() {}

  static List<AuditExport.DecisionRow> of(FailureDecisionsState state) {
    List<AuditExport.DecisionRow> rows = new ArrayList<>();
    if (state == null) {
      return rows;
    }
    for (FailureDecisionRecord d : state.decisions()) {
      rows.add(new AuditExport.DecisionRow(d.action().name(), d.timedOut() ? "TIMED_OUT" : "ACCEPTED", d.actor(), d.at(),
          d.reason(), Map.of(), null, null, null, d.step()));
    }
    for (RefusedFailureDecisionRecord r : state.refused()) {
      rows.add(new AuditExport.DecisionRow(r.action() == null ? null : r.action().toUpperCase(Locale.ROOT), "REFUSED",
          r.actor(), r.at(), null, Map.of(), null, r.reason(), null, r.step()));
    }
    return rows;
  }
}
