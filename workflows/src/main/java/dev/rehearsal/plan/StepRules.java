package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The validation of one step kind's fields, {@code spec} being the value under the kind's key. Shape problems go to
 * {@code checks}; rules that involve other parts of the plan go through {@code cross}.
 */
abstract class StepRules {
  protected final JsonChecks checks;
  protected final PlanCrossChecks cross;

  StepRules(JsonChecks checks, PlanCrossChecks cross) {
    this.checks = checks;
    this.cross = cross;
  }

  abstract void check(JsonNode spec, String path, StepSite site);

  /** Where the step stands: its name, its phase, and all the plan's phases (for rules about other steps). */
  record StepSite(String stepName, Phase phase, JsonNode phases) {}
}
