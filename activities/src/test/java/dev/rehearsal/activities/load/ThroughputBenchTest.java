package dev.rehearsal.activities.load;

import static org.assertj.core.api.Assumptions.assumeThat;

import org.junit.jupiter.api.Test;

/**
 * How fast the generator can go against a no-delay local target (which shares the CPUs). Not part of the suite:
 * run with {@code -Drehearsal.load.bench=true}; it prints the figures.
 */
class ThroughputBenchTest {

  @Test
  void maximumThroughputAgainstAFastLocalTarget() throws Exception {
    assumeThat(Boolean.getBoolean("rehearsal.load.bench")).isTrue();
    try (TestTarget target = new TestTarget()) {
      target.route("/", ex -> TestTarget.Reply.ok());
      // Warm the JIT and the connection pool first.
      new LoadGenerator().run(target.load("""
          {"model": "closed", "concurrency": 64, "duration": "2s", "requests": [{"path": "/"}]}"""), p -> {});
      LoadReport closed = new LoadGenerator().run(target.load("""
          {"model": "closed", "concurrency": 64, "duration": "3s", "window": "1s", "requests": [{"path": "/"}]}"""),
          p -> {});
      print("closed, 64 users", closed);
      for (int rate : new int[] {2000, 5000}) {
        LoadReport open = new LoadGenerator().run(target.load("""
            {"rate": %d, "duration": "3s", "window": "1s", "concurrency": 64, "requests": [{"path": "/"}]}"""
            .formatted(rate)), p -> {});
        print("open at " + rate + "/s, 64 senders", open);
      }
    }
  }

  @Test
  void maximumThroughputAgainstARawLocalTarget() throws Exception {
    assumeThat(Boolean.getBoolean("rehearsal.load.bench")).isTrue();
    try (RawTarget target = new RawTarget()) {
      java.util.function.Function<String, ResolvedLoad> load = json -> {
        try {
          return new ResolvedLoad(TestTarget.JSON.readValue(json, dev.rehearsal.plan.LoadSpec.class), target.base(),
              java.util.Map.of());
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      };
      new LoadGenerator().run(load.apply("""
          {"model": "closed", "concurrency": 64, "duration": "2s", "requests": [{"path": "/"}]}"""), p -> {});
      print("raw: closed, 64 users", new LoadGenerator().run(load.apply("""
          {"model": "closed", "concurrency": 64, "duration": "3s", "requests": [{"path": "/"}]}"""), p -> {}));
      for (int rate : new int[] {2000, 5000, 10000}) {
        print("raw: open at " + rate + "/s", new LoadGenerator().run(load.apply("""
            {"rate": %d, "duration": "3s", "concurrency": 64, "requests": [{"path": "/"}]}""".formatted(rate)),
            p -> {}));
      }
    }
  }

  private static void print(String label, LoadReport r) {
    System.out.printf("BENCH %-28s achieved %8.1f req/s (target %s), completed %d, errors %d, dropped %d, "
            + "p50 %s ms, p99 %s ms, max %s ms%n", label, r.achievedRate(), r.targetRate(), r.completed(), r.errors(),
        r.dropped(), r.latency().p50Ms(), r.latency().p99Ms(), r.latency().maxMs());
  }
}
