package dev.rehearsal.api.rehearsals;

import dev.rehearsal.workflows.rehearsal.RunStatus;

/** List filters; null means "any". */
public record RunFilter(RunStatus status, String environment, String plan, String releaseCandidate) {
  boolean matchesFixedFields(RunSummary run) {
    return (environment == null || environment.equals(run.environment()))
        && (plan == null || plan.equals(run.plan()))
        && (releaseCandidate == null || releaseCandidate.equals(run.releaseCandidate()));
  }
}
