package dev.rehearsal.workflows.rehearsal;

import java.util.List;

/** The decisions taken on failed steps of a run, and the refused attempts, in the order they came. */
public record FailureDecisionsState(List<FailureDecisionRecord> decisions, List<RefusedFailureDecisionRecord> refused) {
  public FailureDecisionsState {
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
    refused = refused == null ? List.of() : List.copyOf(refused);
  }
}
