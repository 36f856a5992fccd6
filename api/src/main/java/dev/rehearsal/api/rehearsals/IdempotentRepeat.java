package dev.rehearsal.api.rehearsals;

import dev.rehearsal.api.errors.IdempotencyKeyReused;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.workflows.rehearsal.RehearsalState;

/**
 * A start whose idempotency key already names a run is a repeat only when it asks for the same thing: the same plan
 * (by name and environment), release candidate and parameters. Anything else would silently hand back someone's
 * other run, so it is refused.
 */
final class IdempotentRepeat {
  private IdempotentRepeat() {}

  static void require(String key, RehearsalState earlier, Plan plan, StartRequest request) {
    boolean same = earlier.plan().equals(plan.name()) && earlier.environment().equals(plan.environment())
        && earlier.releaseCandidate().equals(request.releaseCandidate()) && earlier.parameters().equals(request.parameters());
    if (!same) {
      throw new IdempotencyKeyReused(key, earlier.plan(), earlier.releaseCandidate());
    }
  }
}
