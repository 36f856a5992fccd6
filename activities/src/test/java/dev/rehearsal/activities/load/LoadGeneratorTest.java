package dev.rehearsal.activities.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

/** Against a real local HTTP server; each run lasts a few seconds, so the suite keeps them short and few. */
class LoadGeneratorTest {
  private static final Consumer<LoadProgress> IGNORE = p -> {};

  @Test
  void aSteadyServerIsMeasuredAtTheRequestedRate() throws Exception {
    List<LoadProgress> progress = new ArrayList<>();
    try (TestTarget target = new TestTarget()) {
      target.route("/fixed", ex -> {
        TestTarget.sleep(20);
        return TestTarget.Reply.ok();
      });
      LoadReport r = show("steady", new LoadGenerator().run(target.load("""
          {"rate": 100, "duration": "3s", "window": "1s", "concurrency": 32,
           "requests": [{"name": "fixed", "path": "/fixed"}]}"""), progress::add));

      assertThat(r.model()).isEqualTo("open");
      assertThat(r.targetRate()).isCloseTo(100.0, within(0.5));
      assertThat(r.achievedRate()).isCloseTo(100.0, within(10.0));
      assertThat(r.dropped()).isZero();
      assertThat(r.droppedShare()).isEqualTo(0.0);
      assertThat(r.errors()).isZero();
      assertThat(r.errorRate()).isEqualTo(0.0);
      assertThat(r.completed()).isEqualTo(r.sent()).isBetween(290L, 310L);
      assertThat(r.latency().count()).isEqualTo(r.completed());
      // Bounds leave room for a busy 2-core CI machine; the figures seen on a quiet one are about 21 and 24 ms.
      assertThat(r.latency().p50Ms()).isBetween(20.0, 60.0);
      assertThat(r.latency().p99Ms()).isLessThan(300.0);
      assertThat(r.byRequest()).containsOnlyKeys("fixed");
      assertThat(r.windows()).hasSize(3);
      assertThat(r.windows()).allSatisfy(w -> {
        assertThat(w.targetRate()).isCloseTo(100.0, within(0.5));
        assertThat(w.count()).isBetween(80L, 120L);
        assertThat(w.p50Ms()).isBetween(20.0, 60.0);
      });
      assertThat(r.windows().stream().mapToLong(LoadReport.Window::count).sum()).isEqualTo(r.completed());
      assertThat(r.health()).isNull();
      assertThat(r.queue()).isNull();
      assertThat(r.stopped()).isFalse();
      assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p.phase()).isIn("load", "drain"));
      assertThat(progress.get(progress.size() - 1).sent()).isGreaterThan(150);

      // Evidence: the report is plain JSON, the histogram log reads back with the same counts, the chart is SVG.
      String json = TestTarget.JSON.writeValueAsString(r);
      assertThat(json).contains("\"p99Ms\"").doesNotContain("histograms").doesNotContain("merged");
      LoadReport back = TestTarget.JSON.readValue(json, LoadReport.class);
      assertThat(back.latency()).isEqualTo(r.latency());
      assertThat(back.windows()).isEqualTo(r.windows());
      assertThat(back.merged().getTotalCount()).isZero();

      ByteArrayOutputStream log = new ByteArrayOutputStream();
      r.writeHistogramLog(log);
      HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(log.toByteArray()));
      long windowed = 0;
      Histogram mergedFromLog = null;
      EncodableHistogram h;
      while ((h = reader.nextIntervalHistogram()) != null) {
        if ("merged".equals(h.getTag())) {
          mergedFromLog = (Histogram) h;
        } else {
          windowed += ((Histogram) h).getTotalCount();
        }
      }
      assertThat(windowed).isEqualTo(r.completed());
      assertThat(mergedFromLog).isNotNull();
      assertThat(mergedFromLog.getTotalCount()).isEqualTo(r.completed());
      assertThat(r.merged().getValueAtPercentile(99) / 1000.0).isCloseTo(r.latency().p99Ms(), within(0.01));

      assertThat(LatencyChart.svg(r)).contains("<polyline").doesNotContain("no samples");
    }
  }

  /**
   * The open model keeps sending during a stall and charges the wait to every request due in it, so the stall is in
   * the percentiles. The closed model's users just wait: only one request per user sees the stall, and the requests
   * that would have been sent meanwhile never exist (coordinated omission), so its p99 stays low.
   */
  @Test
  void aStallShowsInTheOpenModelAndIsHiddenByTheClosedOne() throws Exception {
    try (TestTarget target = new TestTarget()) {
      long stallFrom = 2000;
      long stallUntil = 4000;
      target.route("/stall", ex -> {
        long now = target.elapsedMillis();
        TestTarget.sleep(now >= stallFrom && now < stallUntil ? stallUntil - now : 10);
        return TestTarget.Reply.ok();
      });
      CompletableFuture<LoadReport> open = CompletableFuture.supplyAsync(() -> new LoadGenerator().run(target.load("""
          {"rate": 50, "duration": "6s", "window": "1s",
           "requests": [{"name": "stall", "path": "/stall"}]}"""), IGNORE));
      CompletableFuture<LoadReport> closed = CompletableFuture.supplyAsync(() -> new LoadGenerator().run(target.load("""
          {"model": "closed", "concurrency": 2, "duration": "6s", "window": "1s",
           "requests": [{"name": "stall", "path": "/stall"}]}"""), IGNORE));

      LoadReport o = show("stall open", open.get());
      // Kept for a human look at the chart (target/ is the build's scratch space).
      if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("target"))) {
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "load-stall-open.svg"), LatencyChart.svg(o));
      }
      assertThat(o.latency().p99Ms()).isGreaterThanOrEqualTo(1000.0);
      assertThat(o.merged().getCountBetweenValues(1_000_000, Long.MAX_VALUE)).isGreaterThan(40);
      assertThat(o.dropped()).isZero();
      assertThat(o.windows().stream().mapToDouble(w -> w.p99Ms() == null ? 0 : w.p99Ms()).max().orElse(0))
          .isGreaterThanOrEqualTo(1000.0);

      LoadReport c = show("stall closed", closed.get());
      assertThat(c.model()).isEqualTo("closed");
      assertThat(c.targetRate()).isNull();
      assertThat(c.latency().maxMs()).isGreaterThanOrEqualTo(1000.0);
      assertThat(c.merged().getCountBetweenValues(1_000_000, Long.MAX_VALUE)).isLessThanOrEqualTo(2);
      assertThat(c.latency().p99Ms()).isLessThan(1000.0);
    }
  }

  @Test
  void errorsAreReportedPerRequestName() throws Exception {
    try (TestTarget target = new TestTarget()) {
      AtomicLong calls = new AtomicLong();
      target.route("/flaky", ex -> calls.incrementAndGet() % 10 == 0 ? TestTarget.Reply.status(500) : TestTarget.Reply.ok());
      target.route("/steady", ex -> TestTarget.Reply.ok());
      target.route("/created", ex -> TestTarget.Reply.status(201));
      target.route("/hang", ex -> {
        TestTarget.sleep(4000);
        return TestTarget.Reply.ok();
      });
      // A generous timeout: only /hang may time out, even on a busy machine.
      LoadReport r = show("errors", new LoadGenerator().run(target.load("""
          {"rate": 100, "duration": "2s", "requestTimeout": "1500ms",
           "requests": [{"name": "flaky", "path": "/flaky", "weight": 2},
                        {"name": "steady", "path": "/steady", "method": "post", "body": {"a": 1}},
                        {"name": "created", "path": "/created", "expectStatus": 201},
                        {"name": "hang", "path": "/hang", "weight": 1}]}"""), IGNORE));

      assertThat(r.byRequest()).containsOnlyKeys("flaky", "steady", "created", "hang");
      LoadReport.RequestStats flaky = r.byRequest().get("flaky");
      assertThat(flaky.errorRate()).isCloseTo(0.1, within(0.04));
      assertThat(flaky.count()).isBetween(55L, 105L);
      // A timeout is an error whose latency is the time waited.
      LoadReport.RequestStats hang = r.byRequest().get("hang");
      assertThat(hang.errorRate()).isEqualTo(1.0);
      assertThat(hang.p50Ms()).isBetween(1490.0, 3000.0);
      assertThat(r.byRequest().get("steady").errorRate()).isEqualTo(0.0);
      assertThat(r.byRequest().get("created").errorRate()).isEqualTo(0.0);
      assertThat(r.errors()).isEqualTo(flaky.errors() + hang.errors());
      assertThat(r.errorRate()).isCloseTo((double) r.errors() / r.completed(), within(1e-9));
    }
  }

  @Test
  void noSamplesAreReportedAsNullsNotZeros() throws Exception {
    try (TestTarget target = new TestTarget()) {
      target.route("/", ex -> TestTarget.Reply.ok());
      LoadReport r = new LoadGenerator().run(target.load("""
          {"stages": [{"duration": "1s", "rate": 0}], "requests": [{"path": "/"}]}"""), IGNORE);

      assertThat(r.sent()).isZero();
      assertThat(r.completed()).isZero();
      assertThat(r.latency()).isEqualTo(new LoadReport.Latency(0, null, null, null, null, null));
      assertThat(r.errorRate()).isNull();
      assertThat(r.droppedShare()).isNull();
      assertThat(r.byRequest().get("GET /").errorRate()).isNull();
      assertThat(r.byRequest().get("GET /").p95Ms()).isNull();
      assertThat(r.windows()).singleElement().satisfies(w -> {
        assertThat(w.count()).isZero();
        assertThat(w.p99Ms()).isNull();
      });
      assertThat(TestTarget.JSON.writeValueAsString(r.latency())).contains("\"p50Ms\":null");
      assertThat(LatencyChart.svg(r)).contains("no samples").doesNotContain("<polyline");
    }
  }

  /** A request that never reached the server is an error, and errors are latency samples too. */
  @Test
  void refusedConnectionsAreErrorsWithLatency() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    LoadReport r = new LoadGenerator().run(new ResolvedLoad(TestTarget.JSON.readValue("""
        {"rate": 20, "duration": "1s", "requestTimeout": "2s", "requests": [{"name": "x", "path": "/"}]}""",
        dev.rehearsal.plan.LoadSpec.class), java.net.URI.create("http://127.0.0.1:" + closedPort), Map.of()), IGNORE);

    assertThat(r.completed()).isBetween(15L, 25L);
    assertThat(r.errors()).isEqualTo(r.completed());
    assertThat(r.errorRate()).isEqualTo(1.0);
    assertThat(r.latency().count()).isEqualTo(r.completed());
  }

  /**
   * One sender against a slow server cannot keep up: requests wait in the queue (and that wait is latency), and what
   * is still queued a request timeout after the load ended is given up and counted as dropped.
   */
  @Test
  void requestsStillQueuedAfterTheGracePeriodAreDropped() throws Exception {
    try (TestTarget target = new TestTarget()) {
      target.route("/slow", ex -> {
        TestTarget.sleep(300);
        return TestTarget.Reply.ok();
      });
      LoadReport r = show("backlog", new LoadGenerator().run(target.load("""
          {"rate": 20, "duration": "1s", "concurrency": 1, "requestTimeout": "500ms",
           "requests": [{"path": "/slow"}]}"""), IGNORE));

      assertThat(r.stopped()).isTrue();
      assertThat(r.sent() + r.dropped()).isEqualTo(20);
      assertThat(r.dropped()).isBetween(8L, 16L);
      assertThat(r.droppedShare()).isEqualTo(r.dropped() / 20.0);
      assertThat(r.achievedRate()).isLessThan(6.0);
      assertThat(r.windows()).singleElement().satisfies(w -> assertThat(w.achievedRate()).isEqualTo(r.achievedRate()));
      assertThat(r.latency().p50Ms()).isGreaterThan(600.0);
    }
  }

  @Test
  void aFlappingHealthEndpointIsMeasured() throws Exception {
    try (TestTarget target = new TestTarget()) {
      target.route("/fast", ex -> TestTarget.Reply.ok());
      // Healthy during even seconds, degraded during odd ones: a transition every second.
      target.route("/health", ex -> TestTarget.Reply.json(
          Map.of("status", (target.elapsedMillis() / 1000) % 2 == 0 ? "ok" : "degraded")));
      LoadReport r = new LoadGenerator().run(target.load("""
          {"rate": 20, "duration": "5s",
           "requests": [{"path": "/fast"}],
           "probes": {"health": {"path": "/health", "interval": "200ms", "json": "/status", "healthy": ["ok"]}}}"""),
          IGNORE);
      show("health", r);

      LoadReport.HealthReport h = r.health();
      assertThat(h.polls()).isBetween(20L, 27L);
      assertThat(h.failures()).isZero();
      assertThat(h.loadSeconds()).isEqualTo(5.0);
      assertThat(h.transitions()).isGreaterThanOrEqualTo(3);
      assertThat(h.degradedShare()).isBetween(0.2, 0.8);
      assertThat(h.degradedSeconds()).isCloseTo(h.degradedShare() * 5, within(0.01));
    }
  }

  @Test
  void queueDepthGrowsUnderLoadAndDrainsAfter() throws Exception {
    try (TestTarget target = new TestTarget()) {
      DrainingQueue jsonQueue = new DrainingQueue(10);
      DrainingQueue promQueue = new DrainingQueue(10);
      target.route("/enqueue-json", ex -> {
        jsonQueue.add();
        return TestTarget.Reply.ok();
      });
      target.route("/enqueue-prom", ex -> {
        promQueue.add();
        return TestTarget.Reply.ok();
      });
      target.route("/stats", ex -> TestTarget.Reply.json(Map.of("queues", Map.of("default", jsonQueue.depth()))));
      target.route("/metrics", ex -> {
        double d = promQueue.depth();
        return TestTarget.Reply.text("""
            # HELP jobs_queued Jobs waiting.
            # TYPE jobs_queued gauge
            jobs_queued{queue="default"} %s
            jobs_queued{queue="low"} %s
            jobs_queued_total 999
            other_metric 5
            """.formatted(d * 0.75, d * 0.25));
      });
      CompletableFuture<LoadReport> viaJson = CompletableFuture.supplyAsync(() -> new LoadGenerator().run(target.load("""
          {"rate": 30, "duration": "2s", "requests": [{"path": "/enqueue-json"}],
           "probes": {"queue": {"path": "/stats", "json": "/queues/default", "interval": "250ms", "drain": "2s"}}}"""),
          IGNORE));
      CompletableFuture<LoadReport> viaPrometheus = CompletableFuture.supplyAsync(() -> new LoadGenerator().run(
          target.load("""
          {"rate": 30, "duration": "2s", "requests": [{"path": "/enqueue-prom"}],
           "probes": {"queue": {"path": "/metrics", "prometheus": "jobs_queued", "interval": "250ms", "drain": "2s"}}}"""),
          IGNORE));

      for (LoadReport r : List.of(show("queue json", viaJson.get()), show("queue prometheus", viaPrometheus.get()))) {
        LoadReport.QueueReport q = r.queue();
        assertThat(q.failures()).isZero();
        assertThat(q.samples()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(q.samples().get(0).t()).isLessThan(0.2);
        double max = q.samples().stream().mapToDouble(LoadReport.QueueSample::depth).max().orElseThrow();
        assertThat(q.maxDepth()).isEqualTo(max);
        assertThat(q.finalDepth()).isEqualTo(q.samples().get(q.samples().size() - 1).depth());
        assertThat(q.samples().get(q.samples().size() - 1).t()).isCloseTo(4.0, within(0.3));
        // 30/s in, 10/s out during load: +20/s; then -10/s.
        assertThat(q.backlogGrowthRate()).isBetween(12.0, 26.0);
        assertThat(q.drainRateAfterLoad()).isBetween(7.0, 13.0);
        assertThat(q.depthAtLoadEnd()).isBetween(30.0, 50.0);
        assertThat(q.finalDepth()).isLessThan(q.depthAtLoadEnd()).isGreaterThan(5.0);
        assertThat(q.drainSeconds()).isEqualTo(2.0);
      }
    }
  }

  @Test
  void cancellationStopsEverythingWithinASecond() throws Exception {
    try (TestTarget target = new TestTarget()) {
      AtomicLong arrivals = new AtomicLong();
      target.route("/slow", ex -> {
        arrivals.incrementAndGet();
        TestTarget.sleep(300);
        return TestTarget.Reply.ok();
      });
      target.route("/health", ex -> TestTarget.Reply.ok());
      RuntimeException cancel = new RuntimeException("activity cancelled");
      AtomicLong thrownAt = new AtomicLong();
      LoadGenerator generator = new LoadGenerator();
      assertThatThrownBy(() -> generator.run(target.load("""
          {"rate": 100, "duration": "20s", "requests": [{"path": "/slow"}],
           "probes": {"health": {"path": "/health", "interval": "200ms"}}}"""), p -> {
        if (p.elapsedMillis() >= 1000) {
          thrownAt.set(System.nanoTime());
          throw cancel;
        }
      })).isSameAs(cancel);
      long stoppedAfterMillis = (System.nanoTime() - thrownAt.get()) / 1_000_000;
      System.out.println("cancellation: run() returned " + stoppedAfterMillis + " ms after the callback threw");
      assertThat(stoppedAfterMillis).isLessThan(1500);

      List<String> alive = Thread.getAllStackTraces().keySet().stream()
          .filter(Thread::isAlive)
          .map(Thread::getName)
          .filter(n -> n.startsWith(RunState.THREAD_PREFIX))
          .toList();
      assertThat(alive).isEmpty();
      long seen = arrivals.get();
      Thread.sleep(300);
      assertThat(arrivals.get()).isEqualTo(seen);
    }
  }

  @Test
  void warmUpIsExcludedFromEveryFigure() throws Exception {
    try (TestTarget target = new TestTarget()) {
      target.route("/warm", ex -> {
        TestTarget.sleep(target.elapsedMillis() < 1000 ? 300 : 10);
        return TestTarget.Reply.ok();
      });
      LoadReport r = new LoadGenerator().run(target.load("""
          {"rate": 50, "warmup": "1s", "duration": "2s", "window": "1s",
           "requests": [{"path": "/warm"}]}"""), IGNORE);
      show("warm-up", r);

      assertThat(r.warmupSeconds()).isEqualTo(1.0);
      assertThat(r.measuredSeconds()).isEqualTo(2.0);
      assertThat(r.warmupRequests()).isBetween(45L, 55L);
      assertThat(r.completed()).isBetween(95L, 105L);
      // Warm-up answers take 300 ms; had any been counted, p95 would be about that.
      assertThat(r.latency().p95Ms()).isLessThan(200.0);
      assertThat(r.windows()).hasSize(2);
    }
  }

  /** Printed to the test output file, to diagnose a failure on a slow machine. */
  private static LoadReport show(String label, LoadReport r) {
    try {
      LoadReport brief = new LoadReport(r.model(), r.targetRate(), r.achievedRate(), r.measuredSeconds(),
          r.warmupSeconds(), r.concurrency(), r.windowSeconds(), r.measuredStartEpochMs(), r.sent(), r.completed(),
          r.errors(), r.dropped(), r.warmupRequests(), r.droppedShare(), r.errorRate(), r.latency(), r.byRequest(),
          r.windows(), r.health(), r.queue(), r.stopped(), null);
      System.out.println(label + ": " + TestTarget.JSON.writeValueAsString(brief));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return r;
  }

  /** A queue depth fed by requests and consumed at a fixed rate, computed lazily from the clock. */
  private static final class DrainingQueue {
    private final double perSecond;
    private double depth;
    private long last = System.nanoTime();

    DrainingQueue(double perSecond) {
      this.perSecond = perSecond;
    }

    synchronized void add() {
      depth();
      depth += 1;
    }

    synchronized double depth() {
      long now = System.nanoTime();
      depth = Math.max(0, depth - perSecond * (now - last) / 1e9);
      last = now;
      return Math.round(depth * 1000) / 1000.0;
    }
  }
}
