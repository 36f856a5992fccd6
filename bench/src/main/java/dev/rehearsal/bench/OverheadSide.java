package dev.rehearsal.bench;

/** One way of running the overhead benchmark's runs: on its own task queue and worker, over the shared service. */
interface OverheadSide extends AutoCloseable {
  String name();

  /** Starts run {@code id} (and whatever a real start starts with it); returns without waiting. */
  void start(String id);

  /**
   * Waits until run {@code id} has done its steps (or ended); fails loudly, here or in {@link #verify}, if it went
   * wrong.
   */
  void awaitReached(String id) throws InterruptedException;

  /**
   * Once the batch is measured: fails loudly unless run {@code id} ended as it should. For a check that costs the
   * side's own worker something the other side's wait does not (Rehearsal's {@code state} query).
   */
  default void verify(String id) {}

  @Override
  void close();
}
