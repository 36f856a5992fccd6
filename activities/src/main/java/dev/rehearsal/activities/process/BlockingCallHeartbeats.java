package dev.rehearsal.activities.process;

import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a blocking, interruptible call on the activity's own thread while ONE shared thread heartbeats every second
 * for all calls in flight. Handing each call to another thread and waiting for it (as {@link Heartbeats} does) costs
 * two thread hand-offs per call, which is most of what a short {@code http} step costs on top of its request.
 *
 * <p>The shared thread also stops a call: when a heartbeat fails (cancelled, timed out, worker shutting down) or the
 * deadline passes, it interrupts the calling thread, which ends the call (an interrupted {@code HttpClient.send}
 * cancels its exchange). A call's state changes under its lock, so an interrupt lands only while the call runs; one
 * that came just as it ended is cleared before the thread goes on.
 */
public final class BlockingCallHeartbeats {
  /** Finer than the heartbeat interval, so a call's first heartbeat comes about a second after it started. */
  private static final long TICK_MILLIS = 250;

  /** A blocking call that ends with {@link InterruptedException} when its thread is interrupted. */
  @FunctionalInterface
  public interface BlockingCall<T, E extends Exception> {
    T call() throws E, InterruptedException;
  }

  private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
  private final ScheduledThreadPoolExecutor ticker;
  private ScheduledFuture<?> ticking; // guarded by this; null while no call is in flight

  public BlockingCallHeartbeats(String threadName) {
    ticker = new ScheduledThreadPoolExecutor(1, task -> {
      Thread t = new Thread(task, threadName);
      t.setDaemon(true);
      return t;
    });
    ticker.setRemoveOnCancelPolicy(true);
  }

  /**
   * The call's value, or empty when {@code timeout} passed first (the call was interrupted). A failed heartbeat is
   * rethrown (an {@code ActivityCompletionException} when the activity was cancelled), whatever the call did; an
   * interrupt from elsewhere (the worker shutting down) becomes {@code IllegalStateException("worker interrupted")}
   * with the thread's interrupt flag set again, as {@link Heartbeats} does.
   */
  public <T, E extends Exception> Optional<T> run(
      ActivityExecutionContext context, Duration timeout, BlockingCall<T, E> work) throws E {
    Call call = new Call(context, System.nanoTime() + timeout.toNanos());
    inFlight.add(call);
    startTicking();
    T value;
    try {
      value = work.call();
    } catch (InterruptedException interrupted) {
      if (call.end() == Ending.TIMED_OUT) {
        return Optional.empty();
      }
      Thread.currentThread().interrupt();
      throw new IllegalStateException("worker interrupted", interrupted);
    } catch (Throwable failed) {
      // Whatever the call threw after being stopped (a closed channel, say), the reason it was stopped wins.
      if (call.end() == Ending.TIMED_OUT) {
        return Optional.empty();
      }
      throw failed;
    }
    call.end();
    // A timeout that raced the answer loses: the answer is whole.
    return Optional.ofNullable(value);
  }

  private synchronized void startTicking() {
    if (ticking == null) {
      ticking = ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** On the shared thread: heartbeat or stop each call that is due; stop ticking while there is none. */
  private void tick() {
    long now = System.nanoTime();
    for (Call call : inFlight) {
      call.check(now);
    }
    synchronized (this) {
      // Under the lock startTicking takes: a call added after this check restarts the ticking.
      if (inFlight.isEmpty()) {
        ticking.cancel(false);
        ticking = null;
      }
    }
  }

  private enum State { RUNNING, INTERRUPTED, DONE }

  private enum Ending { COMPLETED, TIMED_OUT }

  /** One call in flight: its thread, deadline and state (registered as RUNNING, then DONE or INTERRUPTED → DONE). */
  private final class Call {
    private final ActivityExecutionContext context;
    private final Thread caller = Thread.currentThread();
    private final long deadline;
    private long nextHeartbeat; // only the ticker reads and writes it
    private State state = State.RUNNING; // guarded by this
    private Throwable heartbeatFailure; // guarded by this; null when stopped by the deadline

    Call(ActivityExecutionContext context, long deadline) {
      this.context = context;
      this.deadline = deadline;
      this.nextHeartbeat = System.nanoTime() + Heartbeats.INTERVAL.toNanos();
    }

    /**
     * On the ticker. The heartbeat runs under the call's lock, so the call cannot end in the middle of it and an
     * interrupt it causes cannot land after the caller has moved on; the caller waits at most one heartbeat.
     */
    synchronized void check(long now) {
      if (state != State.RUNNING) {
        return;
      }
      if (now - deadline >= 0) {
        interrupt(null);
      } else if (now - nextHeartbeat >= 0) {
        nextHeartbeat = now + Heartbeats.INTERVAL.toNanos();
        try {
          context.heartbeat(null);
        } catch (RuntimeException | Error stop) {
          // Caught here: a throw would end the ticker's schedule for every call.
          interrupt(stop);
        }
      }
    }

    private void interrupt(Throwable reason) {
      heartbeatFailure = reason;
      state = State.INTERRUPTED;
      caller.interrupt();
    }

    /** On the caller, once the call returned or threw: rethrows a failed heartbeat, clears an interrupt of ours. */
    Ending end() {
      inFlight.remove(this);
      synchronized (this) {
        State was = state;
        state = State.DONE;
        if (was == State.RUNNING) {
          return Ending.COMPLETED;
        }
        // Ours: the call may have returned just before the interrupt landed, so the flag may still be set. (A
        // shutdown interrupt at the same moment is cleared too; the activity ends here anyway.)
        Thread.interrupted();
        if (heartbeatFailure instanceof RuntimeException e) {
          throw e;
        }
        if (heartbeatFailure instanceof Error e) {
          throw e;
        }
        return heartbeatFailure == null ? Ending.TIMED_OUT : Ending.COMPLETED;
      }
    }
  }
}
