package dev.rehearsal.activities.steps;

import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.plan.ProductionGuard;
import dev.rehearsal.plan.TargetSpec;
import dev.rehearsal.workflows.steps.StepFailureType;
import java.util.List;
import java.util.Map;

/** The production guard again, inside the activity, on the resolved address: the validator only saw references. */
public final class WriteGuard {
  private WriteGuard() {}

  public static void check(Map<String, TargetSpec> writes, List<String> patterns, SecretScope secrets, int attempt) {
    writes.forEach((name, target) -> {
      if (target.readOnly()) {
        throw StepFailure.of(StepFailureType.GUARD_REFUSED, "target '" + name + "' is readOnly; refusing to write to it", attempt);
      }
      ProductionGuard.matchingPattern(secrets.resolve(target.address()), patterns)
          .ifPresent(pattern -> {
            throw StepFailure.of(StepFailureType.GUARD_REFUSED, "target '" + name + "' resolves to an address matching production guard pattern '"
                + pattern + "'; refusing to write to it", attempt);
          });
    });
  }
}
