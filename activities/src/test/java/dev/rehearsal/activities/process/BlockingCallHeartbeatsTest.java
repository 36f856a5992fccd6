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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A blocking call on the activity's thread, heartbeated by one shared thread: heartbeats while it runs, none after;
 * stopped by a failed heartbeat or its deadline; never leaves its thread interrupted.
 */
class BlockingCallHeartbeatsTest {
  private static final Duration LONG = Duration.ofMinutes(1);

  private final BlockingCallHeartbeats heartbeats = new BlockingCallHeartbeats("test-heartbeats");

  @AfterEach
  void noInterruptLeftOnTheTestThread() {
    assertThat(Thread.interrupted()).as("the calling thread's interrupt flag").isFalse();
  }

  @Test
  void aLongCallIsHeartbeatedAboutEverySecondFromTheSharedThread() throws Exception {
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
    assertThat(threads).containsExactly("test-heartbeats");
    assertThat(Duration.ofNanos(beats.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(Duration.ofNanos(beats.get(1) - beats.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void aShortCallIsNotHeartbeatedAndNothingHeartbeatsAfterItEnded() throws Exception {
    AtomicInteger beats = new AtomicInteger();

    assertThat(heartbeats.run(heartbeat(beats::incrementAndGet), LONG, () -> "quick")).contains("quick");
    Thread.sleep(1500);

    assertThat(beats).hasValue(0);
  }

  @Test
  void callsAtOnceAreAllHeartbeatedByOneThread() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    AtomicInteger beats = new AtomicInteger();
    ActivityExecutionContext context = heartbeat(() -> {
      threads.add(Thread.currentThread().getName());
      beats.incrementAndGet();
    });
    List<CompletableFuture<Optional<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> heartbeats.run(context, LONG, () -> {
        Thread.sleep(1600);
        return "ok";
      })));
    }

    for (CompletableFuture<Optional<String>> call : calls) {
      assertThat(call.get(10, TimeUnit.SECONDS)).contains("ok");
    }
    assertThat(beats.get()).isGreaterThanOrEqualTo(3);
    assertThat(threads).containsExactly("test-heartbeats");
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

  /** The call returns while a heartbeat is failing: the interrupt that failure causes must not outlive the call. */
  @Test
  void aCancellationRacingTheEndOfTheCallLeavesTheThreadUninterrupted() {
    CountDownLatch inHeartbeat = new CountDownLatch(1);
    CountDownLatch callReturned = new CountDownLatch(1);
    ActivityCanceledException cancelled = new ActivityCanceledException();
    ActivityExecutionContext context = heartbeat(() -> {
      inHeartbeat.countDown();
      try {
        callReturned.await();
        Thread.sleep(200); // the caller is past its call by now
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      throw cancelled;
    });

    assertThatThrownBy(() -> heartbeats.run(context, LONG, () -> {
      inHeartbeat.await();
      callReturned.countDown();
      return "answer";
    })).isSameAs(cancelled);
    // The @AfterEach check: a naive interrupt would still be set here and break the thread's next blocking call.
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
