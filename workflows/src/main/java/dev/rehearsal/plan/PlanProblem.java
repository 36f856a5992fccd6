package dev.rehearsal.plan;

/** One thing wrong with a plan, and where: a path such as {@code phases.smoke[0].http.target}. */
public record PlanProblem(String path, String message) {
  /** A problem quoting a lone surrogate from the plan could not itself be written as JSON. */
  public PlanProblem {
    path = LoneSurrogates.escaped(path);
    message = LoneSurrogates.escaped(message);
  }
}
