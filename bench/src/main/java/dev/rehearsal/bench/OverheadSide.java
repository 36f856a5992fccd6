package dev.rehearsal.bench;

/** One way of running the overhead benchmark's runs: on its own task queue and worker, over the shared service. */
interface OverheadSide extends AutoCloseable {
  String name();

  /** Starts run {@code id} (and whatever a real start starts with it); returns without waiting. */
  void start(String id);

  /** Waits until run {@code id} has done its steps (and, for Rehearsal, awaits sign-off); fails loudly otherwise. */
  void awaitReached(String id) throws InterruptedException;

  @Override
  void close();
}
