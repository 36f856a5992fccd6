package dev.rehearsal.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.testing.HistoryRecorder;
import dev.rehearsal.testing.HistoryText;
import dev.rehearsal.testing.HttpTarget;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.testing.StepDirs;
import dev.rehearsal.workflows.steps.EvidenceRef;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RehearsalWorkflowTest {
  private static final String QUEUE = "rehearsal-test";

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private HttpTarget app;
  private EvidenceStore evidence;
  private RehearsalWorkflow lastRun;

  @BeforeEach
  void start() {
    startEnvironment(false);
  }

  private void startEnvironment(boolean timeSkipping) {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(timeSkipping).build());
    StepDirs.shared(dir);
    evidence = new EvidenceStore(dir.resolve("data"));
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    worker.registerActivitiesImplementations(new StepActivitiesImpl(evidence,
        Map.of("APP_TOKEN", "s3cr3t-t0ken", "PATH", System.getenv("PATH"))::get));
    env.start();
    client = env.getWorkflowClient();
    app = new HttpTarget();
  }

  /**
   * Run with {@code -Drehearsal.record-histories=<dir>} to write each test's history there; the replay test replays
   * the ones committed under {@code src/test/resources/histories}.
   */
  @AfterEach
  void stop(org.junit.jupiter.api.TestInfo test) throws Exception {
    HistoryRecorder.recordIfAsked(client, lastRun, test, "");
    app.close();
    env.close();
  }

  @Test
  void anApprovalBoundToStaleEvidenceIsRefusedAndTheReviewedDigestIsRecorded() throws Exception {
    RehearsalWorkflow run = start(plan("""
        phases:
          smoke: [ { name: ok, command: { run: [sh, -c, "echo fine"] } } ]
          signoff: {}
        """), "alice");
    RehearsalState state = awaitStatus(run, RunStatus.AWAITING_APPROVAL);
    assertThat(state.evidenceDigest()).startsWith("sha256:").hasSize(7 + 64);
    assertThat(run.state().evidenceDigest()).as("the same state, the same digest").isEqualTo(state.evidenceDigest());

    String stale = "sha256:" + "0".repeat(64);
    assertRefused(() -> run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), stale)),
        RefusalReason.STALE_EVIDENCE);
    run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), state.evidenceDigest()));

    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);
    assertThat(end.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(end.approvals().decisions().get(0).evidenceDigest()).isEqualTo(state.evidenceDigest());
  }

  @Test
  void happyPathRunsEveryPhaseInOrderAndSucceedsOnSignOff() throws Exception {
    Path log = dir.resolve("order.log");
    RehearsalWorkflow run = start(plan("""
        phases:
          preflight:
            - { name: check-tools, command: { run: [sh, -c, "echo preflight >> %1$s; echo tools ok"] } }
          migrate:
            - { name: migrate, command: { run: [sh, -c, "echo migrate >> %1$s"] } }
          smoke:
            - { name: health, http: { target: app, path: /api/health, expect: { status: 200, json: { "/success": true, "/checks/db": "up" } } } }
          rollback:
            - { name: redeploy-previous, command: { run: [sh, -c, "echo rollback >> %1$s"] } }
            - { name: smoke-after-rollback, rerun: smoke }
          signoff: { approvers: { required: 1 } }
        """.formatted(log)), "alice");

    RehearsalState waiting = awaitStatus(run, RunStatus.AWAITING_APPROVAL);
    assertThat(waiting.steps()).extracting(StepState::name)
        .containsExactly("check-tools", "migrate", "health", "redeploy-previous", "smoke-after-rollback:health");
    assertThat(waiting.steps()).allSatisfy(s -> {
      assertThat(s.status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(s.attempts()).isEqualTo(1);
      assertThat(s.startedAt()).isNotNull();
      assertThat(s.finishedAt()).isAfterOrEqualTo(s.startedAt());
    });
    assertThat(Files.readAllLines(log)).containsExactly("preflight", "migrate", "rollback");
    assertThat(app.hits("/api/health")).isEqualTo(2);
    assertThat(waiting.steps().get(0).summary()).contains("exit 0").contains("tools ok");
    EvidenceRef stdout = waiting.steps().get(0).evidence().get(0);
    Path file = evidence.find(waiting.id(), stdout.name()).orElseThrow();
    assertThat(EvidenceStore.sha256(Files.readAllBytes(file))).isEqualTo(stdout.sha256());

    run.recordRefusedApproval(new RefusedApproval("alice", "APPROVE", "alice started this run and may not sign it off"));
    ApprovalResult result = run.decide(approval("bob", Decision.APPROVE, "looks good"));
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    RehearsalState end = result(run);
    assertThat(end.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(end.approvals().decisions()).singleElement().satisfies(d -> {
      assertThat(d.actor()).isEqualTo("bob");
      assertThat(d.comment()).isEqualTo("looks good");
    });
    assertThat(end.finishedAt()).isNotNull();
    assertThat(end.approvals().refused()).extracting(RefusedApprovalRecord::actor).containsExactly("alice");
  }

  @Test
  void aFlakyStepIsRetriedAndThenSucceeds() {
    Path counter = dir.resolve("counter");
    RehearsalWorkflow run = start(plan("""
        phases:
          smoke:
            - name: flaky
              retry: { maxAttempts: 3, initialInterval: 100ms }
              command: { run: [sh, -c, "n=$(cat %s 2>/dev/null || echo 0); n=$((n+1)); echo $n > %1$s; echo attempt $n; [ $n -ge 2 ]"] }
          signoff: {}
        """.formatted(counter)), "alice");

    StepState flaky = awaitStatus(run, RunStatus.AWAITING_APPROVAL).steps().get(0);
    assertThat(flaky.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(flaky.attempts()).isEqualTo(2);
    assertThat(flaky.summary()).contains("attempt 2");
  }

  @Test
  void aFailedStepSkipsTheRestButRehearsesTheRollbackAndFailsTheRun() {
    Path log = dir.resolve("rollback.log");
    RehearsalWorkflow run = start(plan("""
        phases:
          migrate:
            - name: migrate
              retry: { maxAttempts: 2, initialInterval: 100ms }
              command: { run: [sh, -c, "echo 'ERROR: relation report_schedules exists' >&2; exit 3"] }
          smoke:
            - { name: health, http: { target: app, path: /api/health } }
          rollback:
            - { name: redeploy-previous, command: { run: [sh, -c, "echo rolled back >> %s"] } }
          signoff: {}
        """.formatted(log)), "alice");

    RehearsalState end = result(run);
    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    assertThat(end.steps()).extracting(StepState::status)
        .containsExactly(StepStatus.FAILED, StepStatus.SKIPPED, StepStatus.SUCCEEDED);
    StepState migrate = end.steps().get(0);
    assertThat(migrate.attempts()).isEqualTo(2);
    assertThat(migrate.summary()).contains("exit code 3").contains("relation report_schedules exists");
    assertThat(migrate.evidence()).extracting(EvidenceRef::name).contains("migrate.a2.stderr.log");
    assertThat(app.hits("/api/health")).isZero();
    assertThat(log).hasContent("rolled back");
    assertThat(end.approvals().decisions()).isEmpty();
  }

  @Test
  void anAssertionFailureIsNotRetriedButAnUnreachableTargetIs() {
    app.healthStatus(503);
    RehearsalWorkflow run = start(plan("""
        targets:
          down: { http: { baseUrl: "http://127.0.0.1:9" } }
        phases:
          smoke:
            - { name: health, retry: { maxAttempts: 3, initialInterval: 100ms }, http: { target: app, path: /api/health } }
          rollback:
            - { name: down-check, retry: { maxAttempts: 2, initialInterval: 100ms }, http: { target: down, path: / } }
          signoff: {}
        """), "alice");

    RehearsalState end = result(run);
    assertThat(end.steps().get(0).attempts()).isEqualTo(1);
    assertThat(end.steps().get(0).summary()).contains("status 503, expected [200]");
    assertThat(app.hits("/api/health")).isEqualTo(1);
    assertThat(end.steps().get(1).attempts()).isEqualTo(2);
    assertThat(end.steps().get(1).summary()).contains("ConnectException");
  }

  @Test
  void oneRejectionEndsTheRun() {
    RehearsalWorkflow run = start(plan("phases: { signoff: { approvers: { required: 2 } } }"), "alice");
    awaitStatus(run, RunStatus.AWAITING_APPROVAL);

    assertThat(run.decide(approval("bob", Decision.REJECT, "p95 too high")).status()).isEqualTo(RunStatus.REJECTED);
    RehearsalState end = result(run);
    assertThat(end.status()).isEqualTo(RunStatus.REJECTED);
    assertThat(end.approvals().decisions()).extracting(ApprovalRecord::comment).containsExactly("p95 too high");
  }

  @Test
  void aQuorumOfTwoNeedsTwoApprovers() {
    RehearsalWorkflow run = start(plan("phases: { signoff: { approvers: { required: 2 } } }"), "alice");
    awaitStatus(run, RunStatus.AWAITING_APPROVAL);

    ApprovalResult first = run.decide(approval("bob", Decision.APPROVE, "ok"));
    assertThat(first.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    assertThat(first.approvals()).isEqualTo(1);
    assertThat(first.required()).isEqualTo(2);
    assertThat(run.decide(approval("carol", Decision.APPROVE, "ok too")).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result(run).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void theInitiatorMayNotSignOffTheirOwnRun() {
    RehearsalWorkflow run = start(plan("phases: { signoff: {} }"), "alice");
    awaitStatus(run, RunStatus.AWAITING_APPROVAL);

    assertRefused(() -> run.decide(approval("alice", Decision.APPROVE, "mine")), RefusalReason.INITIATOR);
    assertRefused(() -> run.decide(new ApprovalRequest("dave", List.of("ENGINEER"), Decision.APPROVE, "", Map.of(), null)),
        RefusalReason.NOT_APPROVER);
    assertThat(run.state().status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    assertThat(run.state().approvals().decisions()).isEmpty();
  }

  @Test
  void theInitiatorMaySignOffWhenThePlanAllowsIt() {
    RehearsalWorkflow run = start(plan("phases: { signoff: { allowInitiator: true } }"), "alice");
    awaitStatus(run, RunStatus.AWAITING_APPROVAL);

    assertThat(run.decide(approval("alice", Decision.APPROVE, "solo team")).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  /** Issue 14: one person in two groups fills one rule; the order of approvals does not matter. */
  @Test
  void groupRulesUnderAPolicyCountEachApprovalTowardOneRuleOnly() {
    RehearsalWorkflow run = start(plan("phases: { signoff: { approvers: [ { group: dba, required: 1 }, { group: qa, required: 1 } ] } }"),
        "alice", STAGING_POLICY);
    RehearsalState waiting = awaitStatus(run, RunStatus.AWAITING_APPROVAL);
    assertThat(waiting.approvals().policy()).isEqualTo(STAGING_POLICY);
    assertThat(waiting.approvals().required()).isEqualTo(2);

    ApprovalResult dana = run.decide(new ApprovalRequest("dana", List.of("APPROVER"), Decision.APPROVE, "schema ok", Map.of(),
        null, List.of("dba", "qa")));
    assertThat(dana.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    assertThat(dana.approvals()).isEqualTo(1);
    assertRefused(() -> run.decide(approval("bob", Decision.APPROVE, "no group")), RefusalReason.NO_OPEN_RULE);
    ApprovalResult dan = run.decide(new ApprovalRequest("dan", List.of("APPROVER"), Decision.APPROVE, "backout ok", Map.of(),
        null, List.of("dba")));

    assertThat(dan.status()).as("dan takes dba, so dana counts for qa").isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result(run).approvals().decisions()).extracting(ApprovalRecord::actor).containsExactly("dana", "dan");
  }

  @Test
  void theInitiatorMayNotSignOffWhenThePolicySaysNoEvenIfThePlanAsks() {
    RehearsalWorkflow run = start(plan("phases: { signoff: { allowInitiator: true, approvers: [ { group: dba } ] } }"),
        "dana", STAGING_POLICY);
    RehearsalState waiting = awaitStatus(run, RunStatus.AWAITING_APPROVAL);
    assertThat(waiting.approvals().allowInitiator()).isFalse();

    assertRefused(() -> run.decide(new ApprovalRequest("dana", List.of("APPROVER"), Decision.APPROVE, "mine", Map.of(), null,
        List.of("dba", "qa"))), RefusalReason.INITIATOR);
    run.cancel(new CancelRequest("dana", "test over"));
  }

  @Test
  void onePersonDecidesOnce() {
    RehearsalWorkflow run = start(plan("phases: { signoff: { approvers: { required: 2 } } }"), "alice");
    awaitStatus(run, RunStatus.AWAITING_APPROVAL);
    run.decide(approval("bob", Decision.APPROVE, "ok"));

    assertRefused(() -> run.decide(approval("bob", Decision.APPROVE, "again")), RefusalReason.ALREADY_DECIDED);
    assertThat(run.state().approvals().decisions()).hasSize(1);
    assertThat(run.state().status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
  }

  @Test
  void aDecisionBeforeTheRunAwaitsApprovalIsRefused() {
    RehearsalWorkflow run = start(plan("""
        phases:
          smoke: [ { name: wait, command: { run: [sleep, "5"] } } ]
          signoff: {}
        """), "alice");
    awaitStep(run, 0, StepStatus.RUNNING);

    assertRefused(() -> run.decide(approval("bob", Decision.APPROVE, "early")), RefusalReason.NOT_AWAITING_APPROVAL);
    run.cancel(new CancelRequest("alice", "test over"));
  }

  @Test
  void cancellingKillsTheRunningCommandAndEndsCancelled() throws Exception {
    Path pid = dir.resolve("pid");
    RehearsalWorkflow run = start(plan("""
        phases:
          migrate:
            - { name: long-migration, command: { run: [sh, -c, "cut -d' ' -f4 /proc/self/stat > %s; exec sleep 60"] } }
          smoke:
            - { name: health, http: { target: app, path: /api/health } }
          signoff: {}
        """.formatted(pid)), "alice");
    awaitStep(run, 0, StepStatus.RUNNING);
    long processId = awaitPid(pid);

    run.cancel(new CancelRequest("alice", "wrong release candidate"));
    RehearsalState end = result(run);

    assertThat(end.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(end.cancellation().actor()).isEqualTo("alice");
    assertThat(end.cancellation().reason()).isEqualTo("wrong release candidate");
    assertThat(end.steps()).extracting(StepState::status).containsExactly(StepStatus.FAILED, StepStatus.SKIPPED);
    assertThat(ProcessHandle.of(processId).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(app.hits("/api/health")).isZero();
  }

  @Test
  void anUnansweredSignOffTimesOut() {
    env.close();
    app.close();
    startEnvironment(true);
    RehearsalWorkflow run = start(plan("phases: { signoff: { timeout: 72h } }"), "alice");

    RehearsalState end = result(run);
    assertThat(end.status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(Duration.between(end.startedAt(), end.finishedAt())).isBetween(Duration.ofHours(72), Duration.ofHours(72).plusMinutes(1));
  }

  @Test
  void secretsAreResolvedInsideTheActivityAndMaskedInEvidence() throws Exception {
    RehearsalWorkflow run = start(plan("""
        phases:
          smoke:
            - { name: show, command: { run: [sh, -c, "echo token=$T"], env: { T: "${env:APP_TOKEN}" } } }
            - { name: auth, http: { target: app, path: /echo-auth, headers: { Authorization: "Bearer ${env:APP_TOKEN}" } } }
          signoff: {}
        """), "alice");
    RehearsalState state = awaitStatus(run, RunStatus.AWAITING_APPROVAL);

    for (StepState step : state.steps()) {
      assertThat(step.summary()).doesNotContain("s3cr3t-t0ken");
      for (EvidenceRef ref : step.evidence()) {
        assertThat(Files.readString(evidence.find(state.id(), ref.name()).orElseThrow())).doesNotContain("s3cr3t-t0ken").contains("********");
      }
    }
    String history = HistoryText.withDecodedPayloads(client.fetchHistory(state.id()).toJson(false));
    assertThat(history).doesNotContain("s3cr3t-t0ken").contains("${env:APP_TOKEN}");
    run.cancel(new CancelRequest("alice", "done"));
  }

  @Test
  void thePlansDefaultRetryAppliesToStepsWithoutTheirOwn() {
    RehearsalWorkflow run = start(plan("""
        phases:
          smoke: [ { name: always-fails, command: { run: [sh, -c, "exit 1"] } } ]
          signoff: {}
        """).replace("phases:", "defaults: { retry: { maxAttempts: 4, initialInterval: 100ms } }\nphases:"), "alice");

    assertThat(result(run).steps().get(0).attempts()).isEqualTo(4);
  }

  @Test
  void commandsSeeOnlyTheEnvironmentThePlanGivesThem() {
    RehearsalWorkflow run = start(plan("""
        phases:
          smoke:
            - { name: env, command: { run: [sh, -c, "echo token=${APP_TOKEN:-unset} path=${PATH:+set}"] } }
            - name: leak-attempt
              retry: { maxAttempts: 1 }
              command: { run: ["/no/such/${env:APP_TOKEN}"] }
          signoff: {}
        """), "alice");

    RehearsalState end = result(run);
    assertThat(end.steps().get(0).summary()).contains("token=unset path=set");
    assertThat(end.steps().get(1).summary()).contains("cannot start").doesNotContain("s3cr3t-t0ken");
    assertThat(HistoryText.withDecodedPayloads(client.fetchHistory(end.id()).toJson(false))).doesNotContain("s3cr3t-t0ken");
  }

  private String plan(String phases) {
    return """
        apiVersion: rehearsal/v1
        name: shop-staging
        environment: staging
        targets:
          app: { http: { baseUrl: "%s" } }
        """.formatted(app.baseUrl()) + mergeTargets(phases);
  }

  /** Lets a test add targets: its own "targets:" block is merged into the base one. */
  private static String mergeTargets(String phases) {
    if (!phases.startsWith("targets:")) {
      return phases;
    }
    return phases.substring(phases.indexOf('\n') + 1);
  }

  private static final ApprovalPolicy STAGING_POLICY =
      new ApprovalPolicy("rehearsal.policies.environments.staging", 2, List.of("dba"), false, "72h", List.of("ENGINEER"));

  private RehearsalWorkflow start(String yaml, String initiator) {
    return start(yaml, initiator, null);
  }

  private RehearsalWorkflow start(String yaml, String initiator, ApprovalPolicy policy) {
    Plan plan = Plans.parse(yaml);
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-" + UUID.randomUUID()).build());
    WorkflowClient.start(run::run, new RehearsalInput(plan, "v1.2.3", Map.of("releaseCandidate", "v1.2.3"), initiator, policy));
    lastRun = run;
    return run;
  }

  private RehearsalState result(RehearsalWorkflow run) {
    return WorkflowStub.fromTyped(run).getResult(RehearsalState.class);
  }

  private static RehearsalState awaitStatus(RehearsalWorkflow run, RunStatus status) {
    return await(run, s -> s.status() == status || s.status().isFinal(), "status " + status);
  }

  private static RehearsalState awaitStep(RehearsalWorkflow run, int index, StepStatus status) {
    return await(run, s -> s.steps().size() > index && s.steps().get(index).status() == status, "step " + index + " " + status);
  }

  private static RehearsalState await(RehearsalWorkflow run, java.util.function.Predicate<RehearsalState> done, String what) {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      RehearsalState state = run.state();
      if (done.test(state)) {
        return state;
      }
      sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what + "; state: " + run.state());
  }

  private static long awaitPid(Path file) throws Exception {
    for (int i = 0; i < 200 && (!Files.exists(file) || Files.readString(file).isBlank()); i++) {
      sleep(50);
    }
    return Long.parseLong(Files.readString(file).trim());
  }

  private static ApprovalRequest approval(String actor, Decision decision, String comment) {
    return new ApprovalRequest(actor, List.of("APPROVER"), decision, comment, Map.of(), null);
  }

  private static void assertRefused(Runnable call, RefusalReason reason) {
    assertThatThrownBy(call::run).isInstanceOf(WorkflowUpdateException.class)
        .satisfies(e -> assertThat(ApprovalRefusals.of(e)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(reason)));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
