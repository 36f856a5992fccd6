package dev.rehearsal.workflows.steps;

import dev.rehearsal.plan.AssertSpec;

/** An {@code assert} step's comparison, its values as the plan wrote them (secret references unresolved). */
public record AssertStepInput(String step, AssertSpec assertion) {}
