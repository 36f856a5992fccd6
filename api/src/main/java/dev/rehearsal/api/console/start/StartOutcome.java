package dev.rehearsal.api.console.start;

import dev.rehearsal.api.plans.PlanValidation;
import dev.rehearsal.plan.PlanProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the start page says after the form was sent: that the plan is valid (its name, environment and steps), or why it
 * was refused, each problem at its path in the plan (or at the form field it concerns).
 *
 * @param valid the valid plan's summary, else null
 * @param headline what happened, above the problems; null when nothing was sent yet
 */
public record StartOutcome(String headline, Valid valid, List<Problem> problems) {
  static final StartOutcome NONE = new StartOutcome(null, null, List.of());

  /** A valid plan: its name, environment and steps per phase ({@code smoke: 1, signoff: 0}). */
  public record Valid(String name, String environment, String steps) {}

  /** A problem at {@code path}: a path in the plan ({@code phases.smoke[0].name}), {@code plan} for the whole, or a field. */
  public record Problem(String path, String message) {
    static Problem of(PlanProblem problem) {
      return new Problem(problem.path().isEmpty() ? "plan" : problem.path(), problem.message());
    }
  }

  static StartOutcome valid(PlanValidation.Validation validation) {
    String steps = validation.steps().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining(", "));
    return new StartOutcome("The plan is valid.", new Valid(validation.name(), validation.environment(), steps), List.of());
  }

  /** @param started whether Start was pressed (then the headline says nothing was started) */
  static StartOutcome refused(boolean started, List<PlanProblem> problems) {
    String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
    String headline = started ? "Nothing was started: " + count + "." : "The plan has " + count + ".";
    return new StartOutcome(headline, null, problems.stream().map(Problem::of).toList());
  }
}
