package dev.rehearsal.workflows.steps;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rehearsal.workflows.rehearsal.GateState;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a finished step reports: a one-line summary, its evidence, the attempt that succeeded, the verdicts of the
 * gates it judged (none for most steps; results recorded before gates were added read as none), and its ordinary
 * outputs (secret ones never appear here; they stay on the workers).
 */
public record StepResult(String summary, List<EvidenceRef> evidence, int attempt, List<GateState> gates,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> outputs) {
  public StepResult {
    gates = gates == null ? List.of() : List.copyOf(gates);
    // Sorted by name, so the JSON and what people read are the same on every worker.
    outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(outputs));
  }

  public StepResult(String summary, List<EvidenceRef> evidence, int attempt) {
    this(summary, evidence, attempt, List.of(), Map.of());
  }
}
