package dev.rehearsal.api.plans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.plan.ManualSpec;
import dev.rehearsal.plan.Phase;
import dev.rehearsal.plan.PlanProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether someone known could complete each manual step: a holder of its {@code by} role or a member of its group,
 * other than the initiator (or, on validation, the caller) where the step says {@code initiatorMayComplete: false}.
 * Otherwise the run would wait for the step until its timeout, so the plan is refused at the step's path.
 */
final class ManualStepPeopleCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  List<PlanProblem> problems(JsonNode plan, RehearsalUser initiator, List<RehearsalUser> users) {
    List<PlanProblem> problems = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      JsonNode steps = plan.path("phases").path(phase.key());
      for (int i = 0; steps.isArray() && i < steps.size(); i++) {
        JsonNode manual = steps.get(i).get("manual");
        ManualSpec spec = read(manual);
        if (spec == null) {
          continue;
        }
        ManualSpec.By by = spec.byOrDefault();
        boolean initiatorLeftOut = !spec.initiatorMayCompleteOrDefault() && initiator != null;
        boolean anyone = users.stream()
            .filter(u -> !initiatorLeftOut || !u.name().equals(initiator.name()))
            .anyMatch(u -> by.admits(u.roleNames(), u.groups()));
        if (!anyone) {
          boolean youWould = initiatorLeftOut && by.admits(initiator.roleNames(), initiator.groups());
          problems.add(new PlanProblem("phases." + phase.key() + "[" + i + "].manual" + (manual.has("by") ? ".by" : ""),
              "no configured user (rehearsal.security.users) " + (by.role() != null ? "holds the role " + by.role()
                  : "is in group " + by.group()) + (youWould ? " but you, and the step says whoever starts the run may"
                  + " not complete it (initiatorMayComplete: false)" : "") + ", so nobody could complete step "
                  + steps.get(i).path("name").asText() + " and the run would wait for it until its timeout"));
        }
      }
    }
    return problems;
  }

  private static ManualSpec read(JsonNode manual) {
    if (manual == null || !manual.isObject()) {
      return null;
    }
    try {
      return JSON.treeToValue(manual, ManualSpec.class);
    } catch (IOException unreadable) {
      return null; // the plan's own validation reports it
    }
  }
}
