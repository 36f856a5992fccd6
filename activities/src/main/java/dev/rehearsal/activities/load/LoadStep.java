package dev.rehearsal.activities.load;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.gates.GateJudge;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.activities.steps.WriteGuard;
import dev.rehearsal.plan.LoadSpec;
import dev.rehearsal.plan.TargetSpec;
import dev.rehearsal.workflows.load.LoadInput;
import dev.rehearsal.workflows.load.LoadResult;
import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.steps.EvidenceRef;
import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.activity.ActivityExecutionContext;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code load} step: runs the load, judges the gates (against the last signed-off run when the plan asks), and keeps
 * the summary, the HdrHistogram log and a latency chart as evidence. Each attempt is a clean new load phase: figures
 * of an attempt cut short by a crash are never mixed into the next.
 */
final class LoadStep {
  private static final Logger log = LoggerFactory.getLogger(LoadStep.class);

  /** Fewer readings than this cannot show a growth and a drain. */
  private static final int MIN_QUEUE_SAMPLES = 4;

  private final EvidenceStore evidence;
  private final BaselineStore baselines;
  private final LoadGenerator generator = new LoadGenerator();

  LoadStep(EvidenceStore evidence, BaselineStore baselines) {
    this.evidence = evidence;
    this.baselines = baselines;
  }

  LoadResult run(ActivityExecutionContext context, LoadInput input, SecretScope secrets) {
    int attempt = context.getInfo().getAttempt();
    String runId = context.getInfo().getWorkflowId();
    LoadSpec spec = input.spec();
    WriteGuard.check(Map.of(input.targetName(), input.target()), input.guardPatterns(), secrets, attempt);
    TargetSpec.Http http = input.target().http();
    Map<String, String> headers = new LinkedHashMap<>();
    http.headers().forEach((k, v) -> headers.put(k, secrets.resolve(v)));
    ResolvedLoad load = new ResolvedLoad(withResolvedHeaders(spec, secrets), URI.create(secrets.resolve(http.baseUrl())), headers);
    BaselineStore.Baseline baseline = spec.baseline() == null ? BaselineStore.Baseline.NONE : baselines.find(input.plan(), input.environment());
    String restart = attempt > 1
        ? "attempt " + attempt + " ran a clean new load phase; the load of attempt " + (attempt - 1) + " was interrupted and is not counted"
        : null;
    log.info("step {} attempt {}: {} load against {}", input.step(), attempt, spec.model(), http.baseUrl());

    LoadReport report = generator.run(load, context::heartbeat);

    List<GateState> gates = LoadGates.evaluate(input.step(), spec.gates(), measured(report), baseline.figures(),
        spec.baseline() == null ? null : spec.baseline().tolerance());
    String prefix = input.step() + ".a" + attempt;
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("step", input.step());
    summary.put("attempt", attempt);
    summary.put("restart", restart);
    summary.put("baselineRun", baseline.runId());
    summary.put("gates", gates);
    summary.put("figures", report);
    List<EvidenceRef> refs = new ArrayList<>();
    refs.add(evidence.put(runId, prefix + ".summary.json", secrets.mask(EvidenceStore.json(summary)).getBytes(StandardCharsets.UTF_8), false));
    ByteArrayOutputStream hlog = new ByteArrayOutputStream();
    report.writeHistogramLog(hlog);
    refs.add(evidence.put(runId, prefix + ".latency.hlog", hlog.toByteArray(), false));
    refs.add(evidence.put(runId, prefix + ".latency.svg", LatencyChart.svg(report).getBytes(StandardCharsets.UTF_8), false));

    String text = describe(report, gates) + (restart == null ? "" : "; " + restart);
    return new LoadResult(new StepResult(secrets.mask(text), refs, attempt), gates);
  }

  /** What the gates read from a report. */
  static LoadGates.Measured measured(LoadReport r) {
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("p50LatencyMs", r.latency().p50Ms());
    figures.put("p95LatencyMs", r.latency().p95Ms());
    figures.put("p99LatencyMs", r.latency().p99Ms());
    figures.put("errorRate", r.errorRate());
    figures.put("droppedShare", r.droppedShare());
    if (r.health() != null) {
      boolean sampled = r.health().degradedShare() != null;
      figures.put("degradedShare", r.health().degradedShare());
      figures.put("transitions", sampled ? (double) r.health().transitions() : null);
    }
    // Polls of either probe that gave no usable answer: seed 001 §8 C makes unreliable metrics a hard failure.
    long polls = (r.health() == null ? 0 : r.health().polls()) + (r.queue() == null ? 0 : r.queue().polls());
    long failed = (r.health() == null ? 0 : r.health().failures()) + (r.queue() == null ? 0 : r.queue().failures());
    figures.put("probeFailureRate", polls == 0 ? null : (double) failed / polls);
    Map<String, Double> byRequest = new LinkedHashMap<>();
    r.byRequest().forEach((name, stats) -> byRequest.put(name, stats.errorRate()));
    Double drainRatio = null;
    Double finalShare = null;
    String note = "no queue samples";
    LoadReport.QueueReport q = r.queue();
    if (q != null && q.samples().size() >= MIN_QUEUE_SAMPLES && q.depthAtLoadEnd() != null && q.drainRateAfterLoad() != null) {
      double growth = q.backlogGrowthRate() == null ? 0 : q.backlogGrowthRate();
      drainRatio = growth > 0 ? q.drainRateAfterLoad() / growth : null;
      finalShare = q.maxDepth() > 0 ? q.finalDepth() / q.maxDepth() : 0.0;
      note = String.format(Locale.ROOT, "backlog growth %s/s under load, drain %s/s after; final depth %s of max %s (%d readings, %d failed polls)",
          LoadGates.number(growth), LoadGates.number(q.drainRateAfterLoad()), LoadGates.number(q.finalDepth()),
          LoadGates.number(q.maxDepth()), q.samples().size(), q.failures());
    } else if (q != null) {
      note = "too few queue readings to judge the drain (" + q.samples().size() + " readings, " + q.failures()
          + " failed polls; readings are needed during the load and during a drain phase)";
    }
    return new LoadGates.Measured(figures, byRequest, drainRatio, finalShare, note);
  }

  private static String describe(LoadReport r, List<GateState> gates) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s load: %.1f req/s achieved%s, %d requests, %d errors, %d dropped",
        r.model(), r.achievedRate(), r.targetRate() == null ? "" : String.format(Locale.ROOT, " of %.1f", r.targetRate()),
        r.completed(), r.errors(), r.dropped()));
    if (r.latency().count() > 0) {
      s.append(String.format(Locale.ROOT, ", p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", r.latency().p50Ms(), r.latency().p95Ms(), r.latency().p99Ms()));
    }
    s.append(GateJudge.describe(gates));
    return s.toString();
  }

  /** Request headers may carry secrets (a bearer token); the generator gets them resolved. */
  private static LoadSpec withResolvedHeaders(LoadSpec spec, SecretScope secrets) {
    List<LoadSpec.Request> requests = spec.requests().stream().map(r -> {
      Map<String, String> h = new LinkedHashMap<>();
      r.headers().forEach((k, v) -> h.put(k, secrets.resolve(v)));
      return new LoadSpec.Request(r.name(), r.path(), r.method(), h, r.body(), r.weight(), r.expectStatus());
    }).toList();
    return new LoadSpec(spec.target(), spec.model(), spec.rate(), spec.stages(), spec.duration(), spec.warmup(), spec.concurrency(),
        spec.requestTimeout(), spec.window(), requests, spec.probes(), spec.gates(), spec.baseline(), spec.timeout());
  }
}
