package dev.rehearsal.testing;

import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import java.time.Duration;
import java.time.Instant;

/** Reading a run's state in tests: waiting until it settles, and finding a step or a gate by name. */
public final class RunStates {
  private RunStates() {}

  /** The state once the run no longer runs (awaiting approval, or ended), within a minute. */
  public static RehearsalState awaitSettled(RehearsalWorkflow run) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      RehearsalState s = run.state();
      if (s.status() != RunStatus.RUNNING) {
        return s;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the run did not settle");
  }

  public static GateState gate(RehearsalState state, String name) {
    return state.gates().stream().filter(g -> g.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no gate " + name + " in " + state.gates()));
  }

  public static StepState step(RehearsalState state, String name) {
    return state.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
