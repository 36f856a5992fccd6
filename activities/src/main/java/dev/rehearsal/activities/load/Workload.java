package dev.rehearsal.activities.load;

import java.util.ArrayList;
import java.util.List;

/** The threads that generate load, whichever the model. */
abstract class Workload {
  protected final RunState state;
  protected final List<Thread> threads = new ArrayList<>();

  Workload(RunState state) {
    this.state = state;
  }

  static Workload of(RunState state) {
    return state.plan.open ? new OpenWorkload(state) : new ClosedWorkload(state);
  }

  void start() {
    threads.forEach(Thread::start);
  }

  boolean finished() {
    for (Thread t : threads) {
      if (t.isAlive()) {
        return false;
      }
    }
    return true;
  }

  /** Stops every thread (interrupting in-flight requests) and waits for them until the deadline. */
  void stop(long deadlineNanos) {
    threads.forEach(Thread::interrupt);
    joinAll(threads, deadlineNanos);
    afterStop();
  }

  /** Counts what was left undone once the threads are stopped. */
  protected void afterStop() {}

  static void joinAll(List<Thread> threads, long deadlineNanos) {
    for (Thread t : threads) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        t.join(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
