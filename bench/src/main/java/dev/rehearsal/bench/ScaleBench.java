package dev.rehearsal.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Many runs at once (issue 17, part 2), through the public API of one running local-mode app (bench/run-scale.sh
 * starts it): makes closed and open runs of a one-step plan, then measures a run's state and the list's first page
 * with concurrent clients, the list while a burst of runs starts, and the app's live heap and RSS, each beside its
 * goal. Results to stdout, progress to stderr.
 */
public final class ScaleBench {
  private static final double RUNS_PER_SECOND = 20;
  private static final double STATE_P95_MS = 50;
  private static final double LIST_P95_MS = 100;
  private static final double LIST_BURST_P95_MS = 200;
  private static final long LIVE_HEAP_BYTES = 512L << 20;
  private static final String LIST = ScaleApi.RUNS;
  /** The burst's 50 pollers would otherwise send 1,000 state requests a second on their own. */
  private static final long BURST_POLL_MILLIS = 250;
  private static final long CLOSE_POLL_MILLIS = 200;

  private final ScaleOptions options;
  private final ScaleApi api;
  private final ScaleJvm jvm;
  private final ScaleRuns runs;
  /** Closed runs' own latency is no goal: polled less often, so that their polls load the app less. */
  private final ScaleRuns closers;
  private final ScaleSampler sampler;
  private final ScaleReport report = new ScaleReport();

  private ScaleBench(ScaleOptions options, ScaleApi api) {
    this.options = options;
    this.api = api;
    this.jvm = new ScaleJvm(options.appPid());
    this.runs = new ScaleRuns(api, options.pollMillis());
    this.closers = new ScaleRuns(api, Math.max(options.pollMillis(), CLOSE_POLL_MILLIS));
    this.sampler = new ScaleSampler(api);
  }

  public static void main(String[] args) {
    ScaleOptions options = ScaleOptions.parse(args);
    ScaleApi.Tokens tokens = new ScaleApi.Tokens(env("SCALE_ENGINEER_TOKEN"), env("SCALE_APPROVER_TOKEN"),
        env("SCALE_AUDITOR_TOKEN"));
    new ScaleBench(options, new ScaleApi(options.url(), tokens)).run();
  }

  private void run() {
    BenchOutput.out("scale benchmark: %s", options.describe());
    BenchOutput.out("app pid %d, JVM flags: %s", options.appPid(), jvm.flags());
    BenchOutput.out("load average at start: %s", loadAverages());
    report.reference("live heap after full GC, no runs yet", ScaleJvm.mib(jvm.liveHeapBytes()));
    report.reference("RSS, no runs yet", ScaleJvm.mib(jvm.rssBytes()));

    sampler.sample(options.clients(), () -> LIST, ScaleSampler.Stop.after(100, options.maxSeconds()));
    report.reference("list, first page, 0 runs (the floor)", sampleList(LIST).summary());

    ScaleRuns.Made oldest = runs.make("closed, oldest", options.oldest(), 0, options.makers(),
        i -> new ScaleRuns.Spec(ScalePlans.OLDEST, ScalePlans.environment(i), ScaleRuns.End.REJECT));
    awaitArchived(options.oldest());
    report.reference("GET /rehearsals/{id}, " + options.oldest() + " closed runs in all (the floor)",
        sampleState(oldest.ids()).summary());

    List<String> closedIds = new ArrayList<>(oldest.ids());
    closeInSteps(closedIds);
    double lag = awaitArchived(options.closed());
    report.reference("archive caught up after the last close", String.format(Locale.ROOT, "%.1f s", lag));

    ScaleRuns.Made open = runs.make("open", options.open(), options.closed(), options.makers(), ScaleBench::spread);
    report.goal("start → awaiting sign-off, one-step plan, " + options.open() + " runs, " + options.makers()
        + " at a time, with " + options.closed() + " closed", String.format(Locale.ROOT, "%.1f runs/s (%.1f s)",
        open.perSecond(), open.seconds()), "≥ 20 runs/s", open.perSecond() >= RUNS_PER_SECOND);
    report.reference("each run: start request → seen awaiting sign-off (state polled every " + options.pollMillis()
        + " ms)", open.toAwaiting().summary() + String.format(Locale.ROOT, ", %.1f polls per run, %d answered 503",
        open.polls() / (double) options.open(), open.unanswered()));
    BenchOutput.out("load average after making the runs: %s", loadAverages());

    sampleState(closedIds);
    sampleState(open.ids());
    String clients = " (" + options.clients() + " clients)";
    report.p95("GET /rehearsals/{id}, random open runs" + clients, sampleState(open.ids()), STATE_P95_MS);
    report.p95("GET /rehearsals/{id}, random closed runs" + clients, sampleState(closedIds), STATE_P95_MS);
    for (String query : List.of("", "?status=AWAITING_APPROVAL", "?plan=" + ScalePlans.plan(3),
        "?environment=" + ScalePlans.environment(2), "?status=AWAITING_APPROVAL&environment=" + ScalePlans.environment(2),
        "?plan=" + ScalePlans.OLDEST)) {
      report.p95("list, first page" + (query.isEmpty() ? "" : " " + query) + clients, sampleList(LIST + query), LIST_P95_MS);
    }
    burst(clients);

    long live = jvm.liveHeapBytes();
    report.goal("live heap after full GC, " + (options.open() + options.burst()) + " open + " + options.closed() + " closed",
        ScaleJvm.mib(live), "≤ 512 MiB", live <= LIVE_HEAP_BYTES);
    report.reference("RSS now / peak", ScaleJvm.mib(jvm.rssBytes()) + " / " + ScaleJvm.mib(jvm.peakRssBytes()));
    BenchOutput.out("load average at the end: %s", loadAverages());
    report.printTable();
  }

  /** The list while {@code burst} runs start at once; measured from their starts until all await sign-off. */
  private void burst(String clients) {
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<ScaleRuns.Made> made = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread starter = ScaleRuns.started("scale-burst", () -> {
      try {
        ScaleRuns pollingSlower = new ScaleRuns(api, Math.max(options.pollMillis(), BURST_POLL_MILLIS));
        made.set(pollingSlower.make("burst", options.burst(), options.closed() + options.open(), options.burst(),
            ScaleBench::spread));
      } catch (RuntimeException e) {
        failure.set(e);
      } finally {
        done.set(true);
      }
    });
    ScaleLatencies list = sampler.sample(options.clients(), () -> LIST,
        new ScaleSampler.Stop(Integer.MAX_VALUE, 600_000_000_000L, done::get));
    ScaleRuns.joinAll(List.of(starter));
    if (failure.get() != null) {
      throw failure.get();
    }
    report.p95("list, first page, while " + options.burst() + " runs start at once" + clients, list, LIST_BURST_P95_MS);
    report.reference(options.burst() + " runs started at once: all awaiting sign-off after",
        String.format(Locale.ROOT, "%.1f s; each %s; %d state polls answered 503", made.get().seconds(),
        made.get().toAwaiting().summary(), made.get().unanswered()));
  }

  /**
   * The closed runs after the oldest, {@code closers} at a time, in steps of {@code checkpoint} runs; after each step
   * (once the archive has caught up) how fast that step closed runs, the live heap, and the list's first page and a
   * closed run's state with fewer samples: how they evolve as closed runs accumulate (the in-memory Temporal server
   * keeps every history).
   */
  private void closeInSteps(List<String> closedIds) {
    long begun = System.nanoTime();
    for (int made = options.oldest(); made < options.closed(); ) {
      int step = Math.min(options.checkpoint(), options.closed() - made);
      ScaleRuns.Made closed = closers.make("closed", step, made, options.closers(), this::closing);
      closedIds.addAll(closed.ids());
      made += step;
      double lag = awaitArchived(made);
      String at = String.format(Locale.ROOT, "at %,d closed: ", made);
      report.reference(at + "closed runs made, " + options.closers() + " at a time (every " + options.rejectEvery()
          + ". rejected at sign-off, the others failing their step)", String.format(Locale.ROOT,
          "%d runs in %.1f s, %.1f runs/s; archive caught up %.1f s later", step, closed.seconds(), closed.perSecond(), lag));
      report.reference(at + "each run: start → seen failed or awaiting sign-off; the reject request",
          closed.toAwaiting().summary() + "; " + closed.rejects().summary() + "; " + closed.unanswered()
          + " state polls answered 503");
      report.reference(at + "live heap after full GC", ScaleJvm.mib(jvm.liveHeapBytes()));
      ScaleSampler.Stop few = ScaleSampler.Stop.after(200, Math.min(10, options.maxSeconds()));
      report.reference(at + "list, first page (" + options.clients() + " clients, few samples)",
          sampler.sample(options.clients(), () -> LIST, few).summary());
      report.reference(at + "GET /rehearsals/{id}, random closed runs (few samples)", sampler.sample(options.clients(),
          () -> ScaleApi.RUNS + "/" + closedIds.get(ThreadLocalRandom.current().nextInt(closedIds.size())), few).summary());
    }
    int all = options.closed() - options.oldest();
    report.reference("closed runs made in all", String.format(Locale.ROOT, "%d runs in %.0f s (with the checkpoints)",
        all, (System.nanoTime() - begun) / 1e9));
  }

  /** Every {@code reject-every}-th closed run goes through sign-off and is rejected; the others fail their step. */
  private ScaleRuns.Spec closing(int i) {
    return new ScaleRuns.Spec(ScalePlans.plan(i), ScalePlans.environment(i),
        i % options.rejectEvery() == 0 ? ScaleRuns.End.REJECT : ScaleRuns.End.FAIL);
  }

  private ScaleLatencies sampleList(String path) {
    return sampler.sample(options.clients(), () -> path, ScaleSampler.Stop.after(options.listSamples(), options.maxSeconds()));
  }

  private ScaleLatencies sampleState(List<String> ids) {
    Supplier<String> paths = () -> ScaleApi.RUNS + "/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    return sampler.sample(options.clients(), paths, ScaleSampler.Stop.after(options.samples(), options.maxSeconds()));
  }

  private static ScaleRuns.Spec spread(int i) {
    return new ScaleRuns.Spec(ScalePlans.plan(i), ScalePlans.environment(i));
  }

  /** Waits until the archive's chain holds {@code count} runs; answers the seconds waited (0 without a data dir). */
  private double awaitArchived(int count) {
    if (options.dataDir() == null) {
      return 0;
    }
    Path chain = options.dataDir().resolve("archive").resolve("chain.jsonl");
    long start = System.nanoTime();
    long deadline = start + 600_000_000_000L;
    while (archived(chain) < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the archive holds " + archived(chain) + " runs after 10 min, not " + count);
      }
      ScaleRuns.sleep(200);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static long archived(Path chain) {
    if (!Files.exists(chain)) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(chain)) {
      return lines.filter(line -> !line.isBlank()).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String loadAverages() {
    return ScaleReport.loadAverage(0) + " " + ScaleReport.loadAverage(1) + " " + ScaleReport.loadAverage(2);
  }

  private static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is not set (bench/run-scale.sh sets it)");
    }
    return value;
  }
}
