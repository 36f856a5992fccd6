package dev.rehearsal.api.rehearsals;

import dev.rehearsal.workflows.rehearsal.RunStatus;
import java.time.Instant;

/** One run in the list. {@code status} is null in the index until the run is seen closed. */
public record RunSummary(
    String id, String plan, String environment, String releaseCandidate, String initiator, Instant startedAt, RunStatus status) {

  RunSummary withStatus(RunStatus newStatus) {
    return new RunSummary(id, plan, environment, releaseCandidate, initiator, startedAt, newStatus);
  }
}
