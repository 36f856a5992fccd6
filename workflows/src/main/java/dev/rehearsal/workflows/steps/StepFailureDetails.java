package dev.rehearsal.workflows.steps;

import java.util.List;

/** Carried in a failed step's {@code ApplicationFailure} details, so a failed step still shows its evidence. */
public record StepFailureDetails(int attempt, List<EvidenceRef> evidence) {}
