package dev.rehearsal.activities.process;

import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a blocking, interruptible call on the activity's own thread while ONE shared thread decides, every 250 ms,
 * which calls in flight are due a heartbeat or past their deadline. Handing each call to another thread and waiting
 * for it (as {@link Heartbeats} does) costs two thread hand-offs per call, which is most of what a short {@code http}
 * step costs on top of its request; here a call shorter than a second costs no hand-off at all.
 *
 * <p>A heartbeat is a blocking call to Temporal (tens of ms against a remote server, more when it is slow), so due
 * heartbeats run in parallel on a pool that grows with the calls due at once (at most one heartbeat per call at a
 * time), never on the deciding thread and never under a call's lock: a slow heartbeat delays neither another call's
 * heartbeat nor its deadline.
 *
 * <p>A failed heartbeat (cancelled, timed out, worker shutting down) or the deadline interrupts the calling thread,
 * which ends the call (an interrupted {@code HttpClient.send} cancels its exchange). A call's state changes under its
 * lock, so an interrupt lands only while the call runs; one that came just as it ended is cleared before the thread
 * goes on. Work that ignores interrupts, such as the DNS lookup {@code HttpClient.send} does on the calling thread in
 * JDK 17, is NOT cut short at the deadline: the call is interrupted again every tick and still heartbeated until it
 * returns (so Temporal does not time it out), and then reads as no answer.
 */
public final class BlockingCallHeartbeats {
  private static final Logger log = LoggerFactory.getLogger(BlockingCallHeartbeats.class);
  /** Finer than the heartbeat interval, so a call's first heartbeat comes about a second after it started. */
  private static final long TICK_MILLIS = 250;
  /**
   * Idle threads end after this (well above the tick), so an idle instance, e.g. a test's or the bench's worker,
   * keeps no thread. Per instance rather than one ticker per JVM: workers stay independent and their threads named.
   */
  private static final long KEEP_ALIVE_SECONDS = 60;

  /** A blocking call that ends with {@link InterruptedException} when its thread is interrupted. */
  @FunctionalInterface
  public interface BlockingCall<T, E extends Exception> {
    T call() throws E, InterruptedException;
  }

  private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
  private final ScheduledThreadPoolExecutor ticker;
  private final ThreadPoolExecutor beats;
  private ScheduledFuture<?> ticking; // guarded by this; null while no call is in flight

  /** Threads named {@code threadName} (the ticker) and {@code threadName-beat-N} (heartbeats). */
  public BlockingCallHeartbeats(String threadName) {
    this(daemons(() -> threadName), numberedDaemons(threadName + "-beat-"));
  }

  BlockingCallHeartbeats(ThreadFactory tickerThreads, ThreadFactory beatThreads) {
    ticker = new ScheduledThreadPoolExecutor(1, tickerThreads);
    ticker.setRemoveOnCancelPolicy(true);
    ticker.setKeepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    ticker.allowCoreThreadTimeOut(true);
    // A thread per heartbeat due at once, reused: bounded by the calls in flight, i.e. by the activity slots.
    beats = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
        new SynchronousQueue<>(), beatThreads);
  }

  private static ThreadFactory numberedDaemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return daemons(() -> prefix + count.incrementAndGet());
  }

  private static ThreadFactory daemons(Supplier<String> names) {
    return task -> {
      Thread t = new Thread(task, names.get());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * The call's value, or empty when {@code timeout} passed first (the call was interrupted). A heartbeat that failed
   * while the call ran is rethrown (an {@code ActivityCompletionException} when the activity was cancelled), whatever
   * the call did; one that fails after the call returned is dropped (the answer is whole). An interrupt from
   * elsewhere (the worker shutting down) becomes {@code IllegalStateException("worker interrupted")} with the
   * thread's interrupt flag set again, as {@link Heartbeats} does.
   */
  public <T, E extends Exception> Optional<T> run(
      ActivityExecutionContext context, Duration timeout, BlockingCall<T, E> work) throws E {
    Call call = new Call(context, System.nanoTime() + timeout.toNanos());
    inFlight.add(call);
    // Everything after the add in one try: a call that never got to end() would stay in flight and could later
    // interrupt whatever this thread runs next.
    T value;
    try {
      startTicking();
      value = work.call();
    } catch (InterruptedException interrupted) {
      if (call.end() == Ending.TIMED_OUT) {
        return Optional.empty();
      }
      Thread.currentThread().interrupt();
      throw new IllegalStateException("worker interrupted", interrupted);
    } catch (Throwable failed) {
      // Whatever the call threw after being stopped (a closed channel, say), the reason it was stopped wins; but an
      // Error (out of memory) is never passed off as "no answer".
      if (call.end() == Ending.TIMED_OUT && !(failed instanceof Error)) {
        return Optional.empty();
      }
      throw failed;
    }
    call.end();
    // A timeout that raced the answer loses: the answer is whole.
    return Optional.ofNullable(value);
  }

  private synchronized void startTicking() {
    // isDone: a schedule that ended anyway (tick catches everything, so it should not) is started again.
    if (ticking == null || ticking.isDone()) {
      try {
        ticking = ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
      } catch (Throwable failed) {
        // The executor queues the task before it fails to start a thread for it; left there it would tick beside the
        // next schedule forever. Under this lock it is the only task queued (an earlier one was cancelled or ended).
        ticker.getQueue().clear();
        throw failed;
      }
    }
  }

  /** On the ticker: start due heartbeats, stop calls past their deadline; stop ticking while there is no call. */
  private void tick() {
    // Nothing may leave this method by a throw: it would end the schedule, and every call in flight would go without
    // heartbeats and deadline until another call started one.
    try {
      long now = System.nanoTime();
      for (Call call : inFlight) {
        try {
          call.check(now);
        } catch (Throwable failed) {
          // Per call (say, no thread for a heartbeat): the call is checked again next tick.
          log.warn("checking a blocking call in flight failed; trying again next tick", failed);
        }
      }
    } catch (Throwable evenLogging) {
      // Out of memory while logging, say: the calls are checked again next tick.
    }
    synchronized (this) {
      // Under the lock startTicking takes: a call added after this check restarts the ticking.
      if (inFlight.isEmpty() && ticking != null) {
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
    private long nextHeartbeat; // guarded by this
    private boolean beating; // guarded by this; a heartbeat of this call is under way
    private State state = State.RUNNING; // guarded by this
    private Throwable heartbeatFailure; // guarded by this; null when stopped by the deadline

    Call(ActivityExecutionContext context, long deadline) {
      this.context = context;
      this.deadline = deadline;
      this.nextHeartbeat = System.nanoTime() + Heartbeats.INTERVAL.toNanos();
    }

    /** On the ticker; only decides, so it holds the lock for moments. */
    synchronized void check(long now) {
      if (state == State.DONE) {
        return;
      }
      if (state == State.RUNNING && now - deadline >= 0) {
        state = State.INTERRUPTED;
      }
      if (state == State.INTERRUPTED) {
        // Again each tick until the call returns: work that swallowed or ignored the first one (a DNS lookup) may
        // block again after it.
        caller.interrupt();
      }
      // Still heartbeated while interrupted: until it returns, the activity is alive and must say so.
      if (!beating && now - nextHeartbeat >= 0) {
        beats.execute(this::heartbeat);
        beating = true;
        nextHeartbeat = now + Heartbeats.INTERVAL.toNanos();
      }
    }

    /** On a heartbeat thread, without the lock: Temporal may take its time. */
    private void heartbeat() {
      Throwable failure = null;
      try {
        context.heartbeat(null);
      } catch (Throwable stop) {
        failure = stop;
      }
      synchronized (this) {
        beating = false;
        if (failure == null || state == State.DONE) {
          return; // a failure after the call returned: the answer is whole and the activity reports it
        }
        // A heartbeat failure wins over the deadline: a cancelled activity must read as cancelled. The first one is
        // kept: a later one (the heartbeats go on until the call returns) must not replace the cancellation.
        if (heartbeatFailure == null) {
          heartbeatFailure = failure;
        }
        if (state == State.RUNNING) {
          state = State.INTERRUPTED;
          caller.interrupt();
        }
      }
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
        // Ours: the call may have returned just before an interrupt landed, so the flag may still be set. An
        // interrupt from elsewhere (the worker shutting down) at the same moment cannot be told apart and is
        // cleared too; when the call had returned its answer, the activity then goes on as if none came.
        Thread.interrupted();
        if (heartbeatFailure == null) {
          return Ending.TIMED_OUT;
        }
        if (heartbeatFailure instanceof Error e) {
          throw e;
        }
        throw heartbeatFailure instanceof RuntimeException e ? e : new IllegalStateException(heartbeatFailure);
      }
    }
  }
}
