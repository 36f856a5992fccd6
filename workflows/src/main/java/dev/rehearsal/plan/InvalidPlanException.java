package dev.rehearsal.plan;

import java.util.List;

/** A plan was refused; carries every problem found, not only the first. */
public class InvalidPlanException extends RuntimeException {
  private final transient List<PlanProblem> problems;

  public InvalidPlanException(List<PlanProblem> problems) {
    super(problems.size() + " problem(s) in the plan");
    this.problems = List.copyOf(problems);
  }

  public List<PlanProblem> problems() {
    return problems;
  }
}
