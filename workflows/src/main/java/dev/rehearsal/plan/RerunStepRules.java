package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A {@code rerun} step: the name of an earlier phase whose steps run again. */
final class RerunStepRules extends StepRules {
  RerunStepRules(JsonChecks checks, PlanCrossChecks cross) {
    super(checks, cross);
  }

  @Override
  void check(JsonNode spec, String path, StepSite site) {
    if (!spec.isTextual()) {
      checks.problem(path, "must name an earlier phase, e.g. 'rerun: smoke'");
      return;
    }
    Optional<Phase> target = Phase.fromKey(spec.asText());
    if (target.isEmpty() || target.get() == Phase.SIGNOFF) {
      checks.problem(path, "'" + spec.asText() + "' is not a phase with steps; phases are " + Phase.keys());
      return;
    }
    cross.checkRerunOrder(target.get(), path, site.phase(), site.phases());
  }
}
