package dev.rehearsal.workflows.steps;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a finished step reports: a one-line summary, its evidence, the attempt that succeeded, and its ordinary
 * outputs (secret ones never appear here; they stay on the workers).
 */
public record StepResult(String summary, List<EvidenceRef> evidence, int attempt,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> outputs) {
  public StepResult {
    // Sorted by name, so the JSON and what people read are the same on every worker.
    outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(outputs));
  }

  public StepResult(String summary, List<EvidenceRef> evidence, int attempt) {
    this(summary, evidence, attempt, Map.of());
  }
}
