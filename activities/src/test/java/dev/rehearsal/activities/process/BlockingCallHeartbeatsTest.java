package dev.rehearsal.activities.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A blocking call on the activity's thread, heartbeated off it: heartbeats while it runs (in parallel, a slow one
 * holding up nothing else), none after; stopped by a failed heartbeat or its deadline; never leaves its thread
 * interrupted.
 */
class BlockingCallHeartbeatsTest {
  private static final Duration LONG = Duration.ofMinutes(1);

  private final BlockingCallHeartbeats heartbeats = new BlockingCallHeartbeats("test-heartbeats");

  @AfterEach
  void noInterruptLeftOnTheTestThread() {
    assertThat(Thread.interrupted()).as("the calling thread's interrupt flag").isFalse();
  }

  @Test
  void aLongCallIsHeartbeatedAboutEverySecondFromAHeartbeatThread() throws Exception {
    List<Long> beats = new ArrayList<>();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    CountDownLatch twoBeats = new CountDownLatch(2);
    long started = System.nanoTime();
    ActivityExecutionContext context = heartbeat(() -> {
      synchronized (beats) {
        beats.add(System.nanoTime() - started);
      }
      threads.add(Thread.currentThread().getName());
      twoBeats.countDown();
    });

    Optional<String> answer = heartbeats.run(context, LONG, () -> twoBeats.await(10, TimeUnit.SECONDS) ? "done" : "no");

    assertThat(answer).contains("done");
    assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("test-heartbeats-beat-"));
    // Loose bounds (a loaded CI machine): about a second, never back to back.
    assertThat(Duration.ofNanos(beats.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    assertThat(Duration.ofNanos(beats.get(1) - beats.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(800));
  }

  @Test
  void aShortCallIsNotHeartbeatedAndNothingHeartbeatsAfterItEnded() throws Exception {
    AtomicInteger beats = new AtomicInteger();

    assertThat(heartbeats.run(heartbeat(beats::incrementAndGet), LONG, () -> "quick")).contains("quick");
    Thread.sleep(1500);

    assertThat(beats).hasValue(0);
  }

  @Test
  void callsAtOnceAreEachHeartbeatedOffTheirOwnThreads() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<AtomicInteger> beats = new ArrayList<>();
    List<CompletableFuture<Optional<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      AtomicInteger count = new AtomicInteger();
      beats.add(count);
      ActivityExecutionContext context = heartbeat(() -> {
        threads.add(Thread.currentThread().getName());
        count.incrementAndGet();
      });
      calls.add(CompletableFuture.supplyAsync(() -> heartbeats.run(context, LONG, () -> {
        Thread.sleep(2500);
        return "ok";
      })));
    }

    for (CompletableFuture<Optional<String>> call : calls) {
      assertThat(call.get(10, TimeUnit.SECONDS)).contains("ok");
    }
    assertThat(beats).allSatisfy(count -> assertThat(count.get()).isGreaterThanOrEqualTo(1));
    assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("test-heartbeats-beat-"));
  }

  /** A heartbeat is a blocking call to Temporal: a slow one must hold up neither other calls nor its own call's end. */
  @Test
  void aSlowHeartbeatDelaysNeitherAnotherCallsDeadlineNorTheEndOfItsOwnCall() throws Exception {
    long started = System.nanoTime();
    CompletableFuture<Duration> slowlyHeartbeated = CompletableFuture.supplyAsync(() -> {
      heartbeats.run(heartbeat(() -> pause(3000)), LONG, () -> {
        Thread.sleep(1800);
        return "answer";
      });
      return since(started);
    });

    Optional<String> late = heartbeats.run(heartbeat(() -> {}), Duration.ofMillis(1500), () -> {
      Thread.sleep(30_000);
      return "never";
    });

    assertThat(late).isEmpty();
    // One heartbeat at a time would stop it only when the slow heartbeat is done, ~4 s in.
    assertThat(since(started)).as("stopped at its deadline").isLessThan(Duration.ofMillis(2600));
    assertThat(slowlyHeartbeated.get(10, TimeUnit.SECONDS)).as("answer back").isLessThan(Duration.ofMillis(2900));
  }

  /** Work that swallows interrupts (as a DNS lookup ignores them) still heartbeats, and is interrupted again. */
  @Test
  void workIgnoringInterruptsIsHeartbeatedPastItsDeadlineAndInterruptedAgainUntilItReturns() {
    AtomicInteger beats = new AtomicInteger();
    long started = System.nanoTime();

    Optional<String> answer = heartbeats.run(heartbeat(beats::incrementAndGet), Duration.ofMillis(500), () -> {
      ignoringInterrupts(2500);
      Thread.sleep(10_000); // ends early only when interrupted again
      return "never";
    });

    assertThat(answer).isEmpty();
    assertThat(beats.get()).as("heartbeats past the deadline").isGreaterThanOrEqualTo(1);
    assertThat(since(started)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void aCancellationWhileWorkOverrunsItsDeadlineWinsOverTheDeadline() {
    ActivityCanceledException cancelled = new ActivityCanceledException();

    assertThatThrownBy(() -> heartbeats.run(heartbeat(() -> {
      throw cancelled;
    }), Duration.ofMillis(500), () -> {
      ignoringInterrupts(2000);
      Thread.sleep(10_000);
      return "never";
    })).isSameAs(cancelled);
  }

  @Test
  void aCallAfterTheTickerStoppedItselfIsStillHeartbeatedAndStoppedAtItsDeadline() throws Exception {
    assertThat(heartbeats.run(heartbeat(() -> {}), LONG, () -> "quick")).contains("quick");
    Thread.sleep(1000); // the ticker finds nothing in flight and stops
    AtomicInteger beats = new AtomicInteger();
    long started = System.nanoTime();

    Optional<String> answer = heartbeats.run(heartbeat(beats::incrementAndGet), Duration.ofMillis(1500), () -> {
      Thread.sleep(30_000);
      return "never";
    });

    assertThat(answer).isEmpty();
    assertThat(beats.get()).isGreaterThanOrEqualTo(1);
    assertThat(since(started)).isLessThan(Duration.ofSeconds(5));
  }

  /** No thread for the ticker: the call fails, and nothing of it stays behind to interrupt this thread later. */
  @Test
  void aCallWhoseTickerCouldNotStartLeavesNothingBehind() throws Exception {
    BlockingCallHeartbeats noThreadAtFirst = new BlockingCallHeartbeats(failingOnce("ticker"), daemons("beat"));

    assertThatThrownBy(() -> noThreadAtFirst.run(heartbeat(() -> {}), Duration.ofMillis(100), () -> "never"))
        .isInstanceOf(OutOfMemoryError.class);
    assertThat(noThreadAtFirst.run(heartbeat(() -> {}), LONG, () -> {
      Thread.sleep(1000); // the first call's deadline long past
      return "fine";
    })).contains("fine");
  }

  /** Out of memory after the deadline stopped the call is still out of memory, not "no answer". */
  @Test
  void anErrorAfterTheDeadlineIsRethrownNotReadAsNoAnswer() {
    assertThatThrownBy(() -> heartbeats.run(heartbeat(() -> {}), Duration.ofMillis(100), () -> {
      long giveUp = System.nanoTime() + 5_000_000_000L;
      while (!Thread.currentThread().isInterrupted() && System.nanoTime() < giveUp) {
        LockSupport.parkNanos(50_000_000L); // until the deadline's interrupt, which leaves the flag set
      }
      throw new OutOfMemoryError("while reading the answer");
    })).isInstanceOf(OutOfMemoryError.class).hasMessage("while reading the answer");
  }

  /** A tick that fails (no thread for a heartbeat) must not end the ticking for good. */
  @Test
  void aFailedTickDoesNotStopLaterHeartbeats() throws Exception {
    BlockingCallHeartbeats noThreadAtFirst = new BlockingCallHeartbeats(daemons("ticker"), failingOnce("beat"));
    CountDownLatch beat = new CountDownLatch(1);

    assertThat(noThreadAtFirst.run(heartbeat(beat::countDown), LONG, () -> beat.await(5, TimeUnit.SECONDS) ? "beat" : "none"))
        .contains("beat");
  }

  @Test
  void aFailedHeartbeatStopsTheCallAndIsRethrown() {
    ActivityCanceledException cancelled = new ActivityCanceledException();
    long started = System.nanoTime();

    assertThatThrownBy(() -> heartbeats.run(heartbeat(() -> {
      throw cancelled;
    }), LONG, () -> {
      Thread.sleep(30_000);
      return "never";
    })).isSameAs(cancelled);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  /** A heartbeat fails and interrupts the call as it returns: that interrupt must not outlive the call. */
  @Test
  void aCancellationRacingTheEndOfTheCallLeavesTheThreadUninterrupted() {
    ActivityCanceledException cancelled = new ActivityCanceledException();

    assertThatThrownBy(() -> heartbeats.run(heartbeat(() -> {
      throw cancelled;
    }), LONG, () -> {
      while (!Thread.currentThread().isInterrupted()) {
        LockSupport.parkNanos(10_000_000); // leaves the flag set: work that returns without noticing the interrupt
      }
      return "answer";
    })).isSameAs(cancelled);
    // The @AfterEach check: a naive interrupt would still be set here and break the thread's next blocking call.
  }

  /** A heartbeat that fails after the call returned: the answer is whole, and no interrupt lands later. */
  @Test
  void aCancellationAfterTheCallReturnedLeavesTheAnswerAndTheThreadAlone() throws Exception {
    CountDownLatch inHeartbeat = new CountDownLatch(1);
    CountDownLatch callReturned = new CountDownLatch(1);
    CountDownLatch failed = new CountDownLatch(1);
    ActivityExecutionContext context = heartbeat(() -> {
      inHeartbeat.countDown();
      try {
        assertThat(callReturned.await(10, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      failed.countDown();
      throw new ActivityCanceledException();
    });

    // The heartbeat fails only once run() has returned (counted down here, not inside the call, where the caller
    // could be pre-empted before end() and the failure would rightly win).
    Optional<String> answer = heartbeats.run(context, LONG, () -> {
      assertThat(inHeartbeat.await(10, TimeUnit.SECONDS)).isTrue();
      return "answer";
    });
    callReturned.countDown();
    assertThat(answer).contains("answer");
    assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(300); // time for a wrong interrupt to land; the @AfterEach check then sees it
  }

  @Test
  void theDeadlineStopsTheCallAndReadsAsNoAnswer() throws Exception {
    long started = System.nanoTime();

    Optional<String> answer = heartbeats.run(heartbeat(() -> {}), Duration.ofMillis(500), () -> {
      Thread.sleep(30_000);
      return "never";
    });

    assertThat(answer).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void anInterruptFromElsewhereIsTheWorkerStoppingAndStaysSet() {
    Thread caller = Thread.currentThread();
    CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(caller::interrupt);

    assertThatThrownBy(() -> heartbeats.run(heartbeat(() -> {}), LONG, () -> {
      Thread.sleep(30_000);
      return "never";
    })).isInstanceOf(IllegalStateException.class).hasMessage("worker interrupted");
    assertThat(Thread.interrupted()).as("interrupt flag set again, for the worker").isTrue();
  }

  @Test
  void whatTheCallThrowsIsRethrownAsItIs() {
    IOException refused = new IOException("refused");
    OutOfMemoryError broken = new OutOfMemoryError("test");

    assertThatThrownBy(() -> heartbeats.run(heartbeat(() -> {}), LONG, () -> {
      throw refused;
    })).isSameAs(refused);
    assertThatThrownBy(() -> heartbeats.run(heartbeat(() -> {}), LONG, () -> {
      throw broken;
    })).isSameAs(broken);
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Blocks for {@code millis} whatever interrupts come, and swallows them. */
  private static void ignoringInterrupts(long millis) {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())) {
      try {
        Thread.sleep(left);
      } catch (InterruptedException swallowed) {
        // as uninterruptible work would
      }
    }
  }

  private static ThreadFactory daemons(String name) {
    return task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Cannot create its first thread, as when the JVM is out of native threads. */
  private static ThreadFactory failingOnce(String name) {
    AtomicBoolean failed = new AtomicBoolean();
    ThreadFactory threads = daemons(name);
    return task -> {
      if (failed.compareAndSet(false, true)) {
        throw new OutOfMemoryError("unable to create native thread (test)");
      }
      return threads.newThread(task);
    };
  }

  /** A context whose heartbeat runs {@code onHeartbeat}; nothing else of it is used. */
  private static ActivityExecutionContext heartbeat(Runnable onHeartbeat) {
    return (ActivityExecutionContext) Proxy.newProxyInstance(ActivityExecutionContext.class.getClassLoader(),
        new Class<?>[] {ActivityExecutionContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("heartbeat")) {
            onHeartbeat.run();
            return null;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
