package dev.rehearsal.plan;

/** One thing wrong with a plan, and where: a path such as {@code phases.smoke[0].http.target}. */
public record PlanProblem(String path, String message) {}
