package dev.rehearsal.workflows.load;

import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.steps.StepResult;
import java.util.List;
import java.util.Map;

/**
 * A finished load phase: the step's result, every gate's verdict, and the gated figures (by gate name) that become
 * the next baseline if this rehearsal is signed off. A FAIL gate does not throw: the workflow fails the step.
 */
public record LoadResult(StepResult step, List<GateState> gates, Map<String, Double> figures) {}
