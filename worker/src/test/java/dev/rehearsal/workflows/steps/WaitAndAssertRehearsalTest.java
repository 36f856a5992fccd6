package dev.rehearsal.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.testing.HistoryRecorder;
import dev.rehearsal.testing.HttpTarget;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.workflows.rehearsal.ApprovalRequest;
import dev.rehearsal.workflows.rehearsal.Decision;
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
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with {@code until} and {@code assert} steps against a real HTTP target on 127.0.0.1: the wait is one step
 * with one attempt whose summary says how many polls it took; a wait that never holds fails with the last value
 * seen and is not retried; an assertion names both values. Histories recorded here replay in HistoryReplayTest.
 */
class WaitAndAssertRehearsalTest {
  private static final String QUEUE = "glue-test";

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private HttpTarget app;
  private RehearsalWorkflow lastRun;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    worker.registerActivitiesImplementations(new StepActivitiesImpl(new EvidenceStore(dir.resolve("data")),
        Map.of("PROD_VERSION", "15.4", "PATH", System.getenv("PATH"))::get));
    env.start();
    client = env.getWorkflowClient();
    app = new HttpTarget();
  }

  @AfterEach
  void stop(TestInfo test) throws Exception {
    HistoryRecorder.recordIfAsked(client, lastRun, test, "glue-");
    app.close();
    env.close();
  }

  @Test
  void untilJobDoneHoldsAfterAFewPollsAndAParityAssertionHolds() {
    RehearsalWorkflow run = start("""
        phases:
          smoke:
            - name: job-done
              http: { target: app, path: /api/jobs/slow, expect: { status: 200, json: { /state: done } } }
              until: { timeout: 30s, every: 500ms }
            - name: same-major
              assert: { equals: ["${env:PROD_VERSION}", "${parameters.stagingMajor}"] }
          signoff: {}
        """, Map.of("stagingMajor", "15.4"));

    RehearsalState waiting = awaitStatus(run, RunStatus.AWAITING_APPROVAL);
    StepState job = waiting.steps().get(0);
    assertThat(job.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(app.hits("/api/jobs/slow")).isGreaterThanOrEqualTo(3);
    assertThat(job.summary()).startsWith("GET /api/jobs/slow -> 200")
        .contains("(held at poll " + app.hits("/api/jobs/slow") + " after ");
    assertThat(job.evidence()).hasSize(1);
    StepState parity = waiting.steps().get(1);
    assertThat(parity.kind()).isEqualTo("assert");
    assertThat(parity.status()).isEqualTo(StepStatus.SUCCEEDED);
    // The secret is masked wherever it appears, the parameter that equals it included.
    assertThat(parity.summary()).isEqualTo("holds: \"********\" equals \"********\"");

    run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), null));
    assertThat(WorkflowStub.fromTyped(run).getResult(RehearsalState.class).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void aWaitThatNeverHoldsFailsAtItsDeadlineWithTheLastValueAndIsNotRetried() {
    RehearsalWorkflow run = start("""
        defaults: { retry: { maxAttempts: 3, initialInterval: 100ms } }
        phases:
          smoke:
            - name: job-stuck
              http: { target: app, path: /api/jobs/stuck, expect: { json: { /state: done } } }
              until: { timeout: 2s, every: 400ms }
            - name: never-reached
              assert: { equals: [1, 1] }
          signoff: {}
        """, Map.of());

    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);
    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    StepState job = end.steps().get(0);
    assertThat(job.status()).isEqualTo(StepStatus.FAILED);
    assertThat(job.attempts()).as("the deadline is final: no retry starts the wait again").isEqualTo(1);
    assertThat(job.summary()).contains("/state is \"running\", expected \"done\"")
        .containsPattern("still not so after [0-9]+ polls in [0-9.]+s, until timeout 2s");
    assertThat(end.steps().get(1).status()).isNotEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void aFailedAssertionFailsTheRunNamingBothValues() {
    RehearsalWorkflow run = start("""
        phases:
          preflight:
            - name: same-major
              assert: { equals: ["${env:PROD_VERSION}", "${parameters.stagingMajor}"] }
          signoff: {}
        """, Map.of("stagingMajor", "16.1"));

    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);
    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    assertThat(end.steps().get(0).summary()).contains("does not hold: \"********\" equals \"16.1\"").doesNotContain("15.4");
  }

  private RehearsalWorkflow start(String phases, Map<String, String> parameters) {
    String yaml = """
        apiVersion: rehearsal/v1
        name: glue
        environment: staging
        targets:
          app: { http: { baseUrl: "%s" } }
        """.formatted(app.baseUrl()) + phases;
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-" + UUID.randomUUID()).build());
    WorkflowClient.start(run::run, new RehearsalInput(Plans.parse(yaml, parameters), "v1", parameters, "alice"));
    lastRun = run;
    return run;
  }

  private static RehearsalState awaitStatus(RehearsalWorkflow run, RunStatus status) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      RehearsalState state = run.state();
      if (state.status() == status || state.status().isFinal()) {
        return state;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("timed out waiting for " + status + "; state: " + run.state());
  }
}
