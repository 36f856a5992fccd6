package dev.rehearsal.workflows.load;

import dev.rehearsal.workflows.rehearsal.GateVerdict;
import static dev.rehearsal.testing.RunStates.awaitSettled;
import static dev.rehearsal.testing.RunStates.gate;
import static dev.rehearsal.testing.RunStates.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.load.BaselineStore;
import dev.rehearsal.activities.load.LoadActivitiesImpl;
import dev.rehearsal.activities.reports.HtmlReport;
import dev.rehearsal.activities.reports.RunReport;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.testing.HistoryRecorder;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.workflows.rehearsal.ApprovalRequest;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.rehearsal.ReadinessVerdict;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflowImpl;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import dev.rehearsal.worker.RehearsalWorker;
import dev.rehearsal.workflows.rehearsal.CancelRequest;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load steps on the SDK's test environment against a real local HTTP target with controllable latency and errors. */
class LoadRehearsalTest {
  private static final String QUEUE = "load-test";

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private HttpServer target;
  private final AtomicLong latencyMillis = new AtomicLong();
  /** Every n-th request fails with 500; 0 for none. */
  private final AtomicInteger failEvery = new AtomicInteger();
  private final AtomicInteger counter = new AtomicInteger();
  private RehearsalWorkflow lastRun;

  @BeforeEach
  void start() throws Exception {
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.setExecutor(Executors.newFixedThreadPool(32));
    target.createContext("/api/items", exchange -> {
      try {
        Thread.sleep(latencyMillis.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      int n = failEvery.get();
      int status = n > 0 && counter.incrementAndGet() % n == 0 ? 500 : 200;
      byte[] body = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    target.start();
    env = TestWorkflowEnvironment.newInstance();
    EvidenceStore evidence = new EvidenceStore(dir.resolve("data"));
    Worker worker = env.newWorker(QUEUE, RehearsalWorker.withPromptCancellation(WorkerOptions.getDefaultInstance()));
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    worker.registerActivitiesImplementations(new StepActivitiesImpl(evidence, System::getenv),
        new LoadActivitiesImpl(evidence, new BaselineStore(dir.resolve("data")), System::getenv));
    env.start();
    client = env.getWorkflowClient();
  }

  /** With {@code -Drehearsal.record-histories=<dir>}, writes each test's last history there (see HistoryReplayTest). */
  @AfterEach
  void stop(org.junit.jupiter.api.TestInfo test) throws Exception {
    HistoryRecorder.recordIfAsked(client, lastRun, test, "load-");
    env.close();
    target.stop(0);
  }

  @Test
  void errorRateGatesPassWarnAndFailAsConfigured() throws Exception {
    failEvery.set(0);
    assertThat(gate(run(errorRateLoad()), "api-load.errorRate").verdict()).isEqualTo(GateVerdict.PASS);

    failEvery.set(33); // 3%
    RehearsalState warn = run(errorRateLoad());
    assertThat(gate(warn, "api-load.errorRate").verdict()).isEqualTo(GateVerdict.WARN);
    assertThat(warn.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    assertThat(warn.readiness()).isEqualTo(ReadinessVerdict.WARN);
    assertThat(warn.readinessEstimate()).isEqualTo("95-96%");

    failEvery.set(10); // 10%
    RehearsalState fail = run(errorRateLoad());
    assertThat(gate(fail, "api-load.errorRate").verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(fail.status()).isEqualTo(RunStatus.FAILED);
    assertThat(fail.readiness()).isEqualTo(ReadinessVerdict.FAIL);
    assertThat(step(fail, "api-load").status()).isEqualTo(StepStatus.FAILED);
    assertThat(step(fail, "api-load").summary()).contains("gates: FAIL api-load.errorRate");
    assertThat(step(fail, "rollback-check").status()).as("rollback still runs").isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void aWarnGateNeedsAWrittenWaiverBeforeApproval() throws Exception {
    failEvery.set(33);
    RehearsalWorkflow run = start(errorRateLoad());
    RehearsalState state = awaitSettled(run);
    assertThat(gate(state, "api-load.errorRate").verdict()).isEqualTo(GateVerdict.WARN);

    assertThatThrownBy(() -> run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "fine", Map.of(), null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("api-load.errorRate");
    run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "fine",
        Map.of("api-load.errorRate", "3% are retried 409s from the legacy client, tracked in OPS-42"), null));

    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);
    assertThat(end.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(end.approvals().decisions().get(0).waivers()).containsKey("api-load.errorRate");
  }

  @Test
  void aGateWithoutSamplesIsInconclusiveNeverPass() throws Exception {
    RehearsalState state = run(plan("""
        load:
          - name: api-load
            load:
              target: app
              rate: 50
              duration: 1s
              requests: [ { name: items, path: /api/items } ]
              probes: { queue: { path: /no-such-metrics, json: /depth, interval: 200ms } }
              gates:
                queueDrain: {}
                p95LatencyMs: { pass: 1000 }
        """));

    assertThat(gate(state, "api-load.queueDrain").verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(gate(state, "api-load.p95LatencyMs").verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(state.readiness()).as("no data is never a pass").isEqualTo(ReadinessVerdict.WARN);
    String page = HtmlReport.render(RunReport.of(state), new EvidenceStore(dir.resolve("data")).textReader(state.id()));
    assertThat(page).as("the load step's own chart is inlined").contains("api-load: latency over time", "<svg");
  }

  @Test
  void aRegressionAgainstTheLastSignedOffRunIsAWarnWithBothValues() throws Exception {
    String load = plan("""
        load:
          - name: api-load
            load:
              target: app
              rate: 40
              duration: 2s
              requests: [ { name: items, path: /api/items } ]
              gates: { p95LatencyMs: { pass: 5000, warn: 8000 } }
              baseline: { tolerance: 0.10 }
        """);
    latencyMillis.set(5);
    RehearsalWorkflow first = start(load);
    assertThat(gate(awaitSettled(first), "api-load.p95LatencyMs").baseline()).isNull();
    first.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "baseline run", Map.of(), null));
    assertThat(WorkflowStub.fromTyped(first).getResult(RehearsalState.class).status()).isEqualTo(RunStatus.SUCCEEDED);

    latencyMillis.set(400);
    GateState regressed = gate(run(load), "api-load.p95LatencyMs");
    assertThat(regressed.verdict()).isEqualTo(GateVerdict.WARN);
    assertThat(regressed.baseline()).isBetween(4.0, 250.0);
    assertThat(regressed.value()).isGreaterThan(390.0);
    assertThat(regressed.note()).contains("regressed from", "tolerance 10%");
  }

  @Test
  void cancellingTheRunStopsTheLoadWithinAboutASecond() throws Exception {
    AtomicLong lastHit = new AtomicLong();
    target.createContext("/api/slow-feed", exchange -> {
      lastHit.set(System.nanoTime());
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    RehearsalWorkflow run = start(plan("""
        load:
          - name: soak
            load: { target: app, rate: 50, duration: 60s, requests: [ { name: feed, path: /api/slow-feed } ] }
        """));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (lastHit.get() == 0 || run.state().steps().get(0).status() != StepStatus.RUNNING) {
      assertThat(Instant.now()).isBefore(deadline);
      Thread.sleep(50);
    }
    Thread.sleep(1500);

    long cancelled = System.nanoTime();
    run.cancel(new CancelRequest("alice", "wrong build"));
    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);
    Thread.sleep(500);

    assertThat(end.status()).isEqualTo(RunStatus.CANCELLED);
    double stoppedAfter = (lastHit.get() - cancelled) / 1e9;
    assertThat(stoppedAfter).as("seconds from cancel to the last request").isLessThan(2.5);
  }

  // ------------------------------------------------------------------------------------------ helpers

  private String errorRateLoad() {
    return plan("""
        load:
          - name: api-load
            load:
              target: app
              rate: 100
              duration: 2s
              requests: [ { name: items, path: /api/items } ]
              gates: { errorRate: { pass: 0.02, warn: 0.05 } }
        rollback:
          - { name: rollback-check, http: { target: app, path: /api/items } }
        """);
  }

  private String plan(String phases) {
    return """
        apiVersion: rehearsal/v1
        name: load-plan
        environment: staging
        targets:
          app: { http: { baseUrl: "http://127.0.0.1:%d" } }
        phases:
        %s
          signoff: {}
        """.formatted(target.getAddress().getPort(), phases.indent(2).stripTrailing());
  }

  private RehearsalState run(String yaml) throws Exception {
    return awaitSettled(start(yaml));
  }

  private RehearsalWorkflow start(String yaml) {
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-" + UUID.randomUUID()).build());
    WorkflowClient.start(run::run, new RehearsalInput(Plans.parse(yaml), "v1", Map.of(), "alice"));
    lastRun = run;
    return run;
  }
}
