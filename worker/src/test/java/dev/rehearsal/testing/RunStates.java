package dev.rehearsal.testing;

import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Reading a run's state in tests: waiting until it settles or shows something, its result, a step or a gate by name. */
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

  /** The first state that is {@code done}, within 30 s. */
  public static RehearsalState awaitState(RehearsalWorkflow run, Predicate<RehearsalState> done, String what) {
    return awaitState(run, done, what, () -> {});
  }

  /** The first state that is {@code done}, running {@code between} (say, skipping time) after each look. */
  public static RehearsalState awaitState(RehearsalWorkflow run, Predicate<RehearsalState> done, String what,
      Runnable between) {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      RehearsalState state = run.state();
      if (done.test(state)) {
        return state;
      }
      between.run();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new AssertionError("timed out waiting for " + what + "; state: " + run.state());
  }

  /** The run's final state, waiting for it (which lets the time-skipping service skip ahead). */
  public static RehearsalState result(RehearsalWorkflow run) {
    return WorkflowStub.fromTyped(run).getResult(RehearsalState.class);
  }

  public static GateState gate(RehearsalState state, String name) {
    return state.gates().stream().filter(g -> g.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no gate " + name + " in " + state.gates()));
  }

  public static StepState step(RehearsalState state, String name) {
    return state.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
