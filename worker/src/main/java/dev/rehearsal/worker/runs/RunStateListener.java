package dev.rehearsal.worker.runs;

import dev.rehearsal.workflows.rehearsal.RehearsalState;

/**
 * Told a run's state each time it may have changed, by the worker that runs it ({@link RunStateFeed}). Called on the
 * run's workflow thread: an implementation must be quick and must not block (hand file writes to a thread of its own).
 */
@FunctionalInterface
public interface RunStateListener {
  void changed(RehearsalState state);
}
