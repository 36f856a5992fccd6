package dev.rehearsal.workflows.steps;

import dev.rehearsal.workflows.rehearsal.GateVerdict;
import dev.rehearsal.workflows.rehearsal.GateState;
import java.util.List;

/** Where a step's gate verdicts join the run's: a FAIL among them fails the step (not retried: it ran, and measured). */
public final class StepGates {
  private StepGates() {}

  public static StepResult join(StepRun step, StepResult result, List<GateState> gates) {
    step.gates().addAll(gates);
    if (gates.stream().anyMatch(g -> g.verdict() == GateVerdict.FAIL)) {
      throw new GatesFailed(result);
    }
    return result;
  }
}
