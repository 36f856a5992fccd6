package dev.rehearsal.activities.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.workflows.steps.HttpStepInput;
import dev.rehearsal.workflows.steps.StepActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an {@code http} step sends: without a thread per request, heartbeating while it waits, still stopped by a
 * cancellation or its timeout mid-request.
 */
class HttpStepSendTest {
  private static final ActivityOptions ONE_ATTEMPT_HEARTBEATING = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(2))
      .setHeartbeatTimeout(Duration.ofSeconds(5))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
      .build();

  @TempDir Path dir;
  private TestActivityEnvironment env;
  private StepActivities steps;

  @BeforeEach
  void start() {
    env = StepInputs.environment(new StepActivitiesImpl(new EvidenceStore(dir), Map.<String, String>of()::get));
    steps = env.newActivityStub(StepActivities.class, ONE_ATTEMPT_HEARTBEATING);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void stepsInARowDoNotStartAThreadEachForTheirRequests() throws Exception {
    HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext("/", exchange -> {
      byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    app.start();
    try {
      String base = "http://127.0.0.1:" + app.getAddress().getPort();
      steps.checkHttp(StepInputs.http(base, "{ name: warm, http: { target: app, path: /warm } }"));
      long before = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - testEnvironmentTimers();
      for (int i = 0; i < 30; i++) {
        assertThat(steps.checkHttp(StepInputs.http(base, "{ name: s" + i + ", http: { target: app, path: /s" + i + " } }"))
            .summary()).startsWith("GET /s" + i + " -> 200");
      }
      long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - testEnvironmentTimers() - before;
      assertThat(started).as("threads started by 30 steps in a row").isLessThan(15);
    } finally {
      app.stop(0);
    }
  }

  @Test
  void aBaseUrlEndingInSlashesIsJoinedToThePathWithOne() throws Exception {
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext("/", exchange -> {
      seen.add(exchange.getRequestURI().getRawPath());
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    app.start();
    try {
      String base = "http://127.0.0.1:" + app.getAddress().getPort();
      steps.checkHttp(StepInputs.http(base + "//", "{ name: slashes, http: { target: app, path: /api/health } }"));
      steps.checkHttp(StepInputs.http(base + "/v1/", "{ name: prefix, http: { target: app, path: /health } }"));
      assertThat(seen).containsExactly("/api/health", "/v1/health");
    } finally {
      app.stop(0);
    }
  }

  /** The step on another thread: what it threw, or null once it succeeded. */
  private CompletableFuture<Throwable> inBackground(HttpStepInput input) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        steps.checkHttp(input);
        return null;
      } catch (RuntimeException ended) {
        return ended;
      }
    });
  }

  /** Reads the request's bytes until the client closes the connection (fails after 5 s of silence). */
  private static void readUntilClosed(Socket request) throws IOException {
    request.setSoTimeout(5000);
    InputStream in = request.getInputStream();
    while (in.read() >= 0) {
      // the request's bytes
    }
  }

  /** The test environment starts a java.util.Timer per activity (and leaves it running); those are not the step's. */
  private static long testEnvironmentTimers() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("Timer-")).count();
  }

  @Test
  void aCancelledStepStopsWaitingForItsAnswerAndDropsTheConnection() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String base = "http://127.0.0.1:" + silent.getLocalPort();
      CompletableFuture<Throwable> step = inBackground(StepInputs.http(base, "{ name: hang, http: { target: app, path: /hang } }"));
      try (Socket request = silent.accept()) {
        env.requestCancelActivity();
        long cancelled = System.nanoTime();
        assertThat(step.get(10, TimeUnit.SECONDS)).as("the step ended").isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(4));
        // The request was never answered; the client side closing the connection ends this read.
        readUntilClosed(request);
      }
    }
  }

  @Test
  void aSlowAnswerIsHeartbeatedWhileTheStepWaitsForIt() throws Exception {
    AtomicInteger heartbeats = new AtomicInteger();
    env.setActivityHeartbeatListener(Object.class, details -> heartbeats.incrementAndGet());
    HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext("/", exchange -> {
      try {
        Thread.sleep(2500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    app.start();
    try {
      assertThat(steps.checkHttp(StepInputs.http("http://127.0.0.1:" + app.getAddress().getPort(),
          "{ name: slow, http: { target: app, path: /slow } }")).summary()).startsWith("GET /slow -> 200");
      assertThat(heartbeats.get()).as("heartbeats while the request was in flight").isGreaterThanOrEqualTo(1);
    } finally {
      app.stop(0);
    }
  }

  @Test
  void noAnswerWithinTheStepTimeoutIsUnreachableAndDropsTheConnection() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String base = "http://127.0.0.1:" + silent.getLocalPort();
      CompletableFuture<Throwable> step = inBackground(StepInputs.http(base, "{ name: hang, http: { target: app, path: /hang } }", 1000));
      try (Socket request = silent.accept()) {
        assertThat(step.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("Unreachable");
          assertThat(failure.getOriginalMessage()).isEqualTo("GET /hang: no response within 1s");
        });
        readUntilClosed(request);
      }
    }
  }

  /** A step timeout that is not whole seconds is named in milliseconds, not rounded down to "0s" or "1s". */
  @Test
  void noAnswerWithinATimeoutOfPartSecondsNamesItInMilliseconds() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      for (int millis : new int[] {500, 1500}) {
        assertThatThrownBy(() -> steps.checkHttp(StepInputs.http("http://127.0.0.1:" + silent.getLocalPort(),
            "{ name: hang, http: { target: app, path: /hang } }", millis)))
            .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
              assertThat(failure.getType()).isEqualTo("Unreachable");
              assertThat(failure.getOriginalMessage()).isEqualTo("GET /hang: no response within " + millis + "ms");
            });
      }
    }
  }

  /** The request's own timeout ends with the response's head; a body still coming at the deadline is cut off too. */
  @Test
  void aBodyStillComingAtTheStepTimeoutIsUnreachableAsNoResponse() throws Exception {
    HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      try {
        for (int i = 0; i < 50; i++) {
          exchange.getResponseBody().write('.');
          exchange.getResponseBody().flush();
          Thread.sleep(200);
        }
      } catch (InterruptedException | IOException gone) {
        // the client went away
      } finally {
        exchange.close();
      }
    });
    app.start();
    try {
      long started = System.nanoTime();
      assertThatThrownBy(() -> steps.checkHttp(StepInputs.http("http://127.0.0.1:" + app.getAddress().getPort(),
          "{ name: trickle, http: { target: app, path: /trickle } }", 1000)))
          .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
            assertThat(failure.getType()).isEqualTo("Unreachable");
            assertThat(failure.getOriginalMessage()).isEqualTo("GET /trickle: no response within 1s");
          });
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    } finally {
      app.stop(0);
    }
  }

  @Test
  void aConnectionThatCannotBeMadeIsNamedInTheSummary() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    assertThatThrownBy(() -> steps.checkHttp(StepInputs.http("http://127.0.0.1:" + closed,
        "{ name: down, http: { target: app, path: /down } }")))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("Unreachable");
          assertThat(failure.getOriginalMessage()).isEqualTo("GET /down: ConnectException");
        });
  }
}
