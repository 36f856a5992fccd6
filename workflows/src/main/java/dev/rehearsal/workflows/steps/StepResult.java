package dev.rehearsal.workflows.steps;

import java.util.List;

/** What a finished step reports: a one-line summary, its evidence, and the attempt that succeeded. */
public record StepResult(String summary, List<EvidenceRef> evidence, int attempt) {}
