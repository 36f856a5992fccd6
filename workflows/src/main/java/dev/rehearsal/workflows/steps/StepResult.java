package dev.rehearsal.workflows.steps;

import dev.rehearsal.workflows.rehearsal.GateState;
import java.util.List;

/**
 * What a finished step reports: a one-line summary, its evidence, the attempt that succeeded, and the verdicts of
 * the gates it judged (none for most steps; results recorded before gates were added read as none).
 */
public record StepResult(String summary, List<EvidenceRef> evidence, int attempt, List<GateState> gates) {
  public StepResult {
    gates = gates == null ? List.of() : List.copyOf(gates);
  }

  public StepResult(String summary, List<EvidenceRef> evidence, int attempt) {
    this(summary, evidence, attempt, List.of());
  }
}
