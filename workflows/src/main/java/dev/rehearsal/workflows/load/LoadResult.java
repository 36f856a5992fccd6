package dev.rehearsal.workflows.load;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.steps.StepResult;
import java.util.List;

/**
 * A finished load phase: the step's result and every gate's verdict. A FAIL gate does not throw: the workflow fails
 * the step. Unknown fields are ignored: results recorded before the gated figures were dropped from it still replay.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoadResult(StepResult step, List<GateState> gates) {}
