package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.Phase;
import dev.rehearsal.workflows.steps.EvidenceRef;
import java.time.Instant;
import java.util.List;

/** One step as a watcher sees it. Steps of a {@code rerun} appear as {@code <rerun step>:<original step>}. */
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
    List<EvidenceRef> evidence) {

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

  StepState skipped(String why) {
    return new StepState(name, kind, phase, StepStatus.SKIPPED, attempts, null, null, null, why, evidence);
  }
}
