package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Guided failure: {@code onFailure} (plan default and per step), {@code failureDecisionTimeout}, {@code onDecisionTimeout}. */
final class FailureRules {
  private static final Set<String> ON_FAILURE = RecordKeys.names(OnFailure.class);
  private static final Set<String> ON_TIMEOUT = RecordKeys.names(OnDecisionTimeout.class);

  private final JsonChecks checks;

  FailureRules(JsonChecks checks) {
    this.checks = checks;
  }

  void checkPlan(JsonNode plan) {
    checkOnFailure(plan.get("onFailure"), "onFailure");
    checks.checkDuration(plan.get("failureDecisionTimeout"), "failureDecisionTimeout");
    JsonNode onTimeout = plan.get("onDecisionTimeout");
    if (onTimeout != null && !(onTimeout.isTextual() && ON_TIMEOUT.contains(onTimeout.asText()))) {
      checks.problem("onDecisionTimeout", "must be one of " + ON_TIMEOUT.stream().sorted().toList());
    }
  }

  void checkStep(JsonNode step, String path) {
    JsonNode onFailure = step.get("onFailure");
    checkOnFailure(onFailure, path + ".onFailure");
    if (onFailure != null && step.has(StepKind.RERUN.key())) {
      checks.problem(path + ".onFailure", "a rerun step runs other steps: set onFailure on the steps it reruns");
    }
  }

  private void checkOnFailure(JsonNode node, String path) {
    if (node != null && !(node.isTextual() && ON_FAILURE.contains(node.asText()))) {
      checks.problem(path, "must be one of " + ON_FAILURE.stream().sorted().toList());
    }
  }
}
