package dev.rehearsal.workflows.steps;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a finished step reports: a one-line summary, its evidence, the attempt that succeeded, and its ordinary
 * outputs (secret ones never appear here; they stay on the workers).
 */
public record StepResult(String summary, List<EvidenceRef> evidence, int attempt,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> outputs) {
  public StepResult {
    outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
  }

  public StepResult(String summary, List<EvidenceRef> evidence, int attempt) {
    this(summary, evidence, attempt, Map.of());
  }
}
