package dev.rehearsal.workflows.rehearsal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rehearsal.plan.Phase;
import dev.rehearsal.workflows.steps.EvidenceRef;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One step as a watcher sees it. Steps of a {@code rerun} appear as {@code <rerun step>:<original step>}. {@code
 * outputs} holds what a succeeded step handed on: ordinary values as they are, secret ones as a mask; {@code
 * completion} who completed a manual step, when and how (null for other steps).
 */
public record StepState(
    String name,
    String kind,
    Phase phase,
    StepStatus status,
    int attempts,
    Instant startedAt,
    Instant finishedAt,
    String verdict,
    String summary,
    List<EvidenceRef> evidence,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> outputs,
    @JsonInclude(JsonInclude.Include.NON_NULL) ManualCompletionRecord completion) {

  public StepState {
    // Sorted by name: the state reads the same on every worker, and the evidence digest hashes it in order.
    outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(outputs));
  }

  public StepState(String name, String kind, Phase phase, StepStatus status, int attempts, Instant startedAt,
      Instant finishedAt, String verdict, String summary, List<EvidenceRef> evidence, Map<String, String> outputs) {
    this(name, kind, phase, status, attempts, startedAt, finishedAt, verdict, summary, evidence, outputs, null);
  }

  public StepState(String name, String kind, Phase phase, StepStatus status, int attempts, Instant startedAt,
      Instant finishedAt, String verdict, String summary, List<EvidenceRef> evidence) {
    this(name, kind, phase, status, attempts, startedAt, finishedAt, verdict, summary, evidence, Map.of());
  }

  static StepState pending(String name, String kind, Phase phase) {
    return new StepState(name, kind, phase, StepStatus.PENDING, 0, null, null, null, null, List.of());
  }

  StepState started(Instant at) {
    return new StepState(name, kind, phase, StepStatus.RUNNING, attempts, at, null, null, null, evidence);
  }

  StepState finished(StepStatus result, int attempts, Instant at, String summary, List<EvidenceRef> evidence) {
    String verdict = result == StepStatus.SUCCEEDED ? "PASS" : "FAIL";
    return new StepState(name, kind, phase, result, attempts, startedAt, at, verdict, summary, List.copyOf(evidence));
  }

  StepState withOutputs(Map<String, String> shown) {
    return new StepState(name, kind, phase, status, attempts, startedAt, finishedAt, verdict, summary, evidence, shown);
  }

  /** A manual step waiting for a person. */
  StepState waiting() {
    return new StepState(name, kind, phase, StepStatus.WAITING, attempts, startedAt, null, null, null, evidence);
  }

  /** Skipped by its own rule after it started (a manual step's timeout), so it keeps its times. */
  StepState skippedAt(Instant at, String why) {
    return new StepState(name, kind, phase, StepStatus.SKIPPED, attempts, startedAt, at, null, why, evidence);
  }

  StepState withCompletion(ManualCompletionRecord shown) {
    return new StepState(name, kind, phase, status, attempts, startedAt, finishedAt, verdict, summary, evidence, outputs,
        shown);
  }

  StepState skipped(String why) {
    return new StepState(name, kind, phase, StepStatus.SKIPPED, attempts, null, null, null, why, evidence);
  }
}
