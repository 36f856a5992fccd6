package dev.rehearsal.api.console.run;

import dev.rehearsal.api.console.run.RunView.TimelineRow;
import dev.rehearsal.workflows.rehearsal.ApprovalRecord;
import dev.rehearsal.workflows.rehearsal.FailureDecisionRecord;
import dev.rehearsal.workflows.rehearsal.ManualCompletionRecord;
import dev.rehearsal.workflows.rehearsal.RefusedApprovalRecord;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A run's timeline from its state, for readers whose roles do not include the history (only AUDITORs read
 * {@code /history}): steps started and finished, manual completions, decisions on failed steps, sign-off decisions and
 * refused attempts, a cancel, the end. Oldest first.
 */
final class StateTimeline {
  private record Dated(Instant at, TimelineRow row) {}

  private StateTimeline() {}

  static List<TimelineRow> of(RehearsalState state) {
    List<Dated> rows = new ArrayList<>();
    add(rows, state.startedAt(), "RUN_STARTED", state.initiator(), null, "release candidate " + state.releaseCandidate());
    for (StepState s : state.steps()) {
      add(rows, s.startedAt(), "STEP_STARTED", null, s.name(), s.kind());
      ManualCompletionRecord done = s.completion();
      if (done != null) {
        add(rows, done.at(), "MANUAL_STEP_COMPLETED", done.actor(), s.name(),
            done.outcome() + (done.note() == null || done.note().isBlank() ? "" : ": " + done.note()));
      }
      add(rows, s.finishedAt(), "STEP_FINISHED", null, s.name(), s.status() + (s.summary() == null ? "" : ": " + s.summary()));
    }
    if (state.failureDecisions() != null) {
      for (FailureDecisionRecord d : state.failureDecisions().decisions()) {
        add(rows, d.at(), "FAILURE_DECISION", d.actor(), d.step(),
            d.action().wire() + (d.timedOut() ? " (nobody decided in time)" : "") + (d.reason() == null ? "" : ": " + d.reason()));
      }
    }
    if (state.approvals() != null) {
      for (ApprovalRecord a : state.approvals().decisions()) {
        add(rows, a.at(), "DECISION", a.actor(), null, a.decision() + (a.comment() == null ? "" : ": " + a.comment()));
      }
      for (RefusedApprovalRecord r : state.approvals().refused()) {
        add(rows, r.at(), "REFUSED", r.actor(), null, r.decision() + ": " + r.reason());
      }
    }
    if (state.cancellation() != null) {
      add(rows, state.cancellation().at(), "CANCEL_REQUESTED", state.cancellation().actor(), null, state.cancellation().reason());
    }
    add(rows, state.status().isFinal() ? state.finishedAt() : null, "RUN_FINISHED", null, null, state.status().name());
    return rows.stream().sorted(Comparator.comparing(Dated::at)).map(Dated::row).toList();
  }

  private static void add(List<Dated> rows, Instant at, String type, String actor, String step, String detail) {
    if (at != null) {
      rows.add(new Dated(at, new TimelineRow(RunViews.second(at), type, actor, step, detail)));
    }
  }
}
