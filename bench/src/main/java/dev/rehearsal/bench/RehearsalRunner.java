package dev.rehearsal.bench;

import static dev.rehearsal.bench.Figures.deleteRecursively;
import static dev.rehearsal.bench.Figures.seconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.postgres.PgTools;
import dev.rehearsal.activities.postgres.PostgresActivitiesImpl;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.testing.PostgresServers;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflowImpl;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Rehearsal's copies: plans run on the SDK's in-memory Temporal service (real time) with the real step and Postgres
 * activities, timed from workflow start until the run awaits sign-off.
 */
final class RehearsalRunner implements AutoCloseable {
  static final String QUEUE = "bench";
  static final String SNAPSHOT_STEP = "dump-prod";
  static final String RESTORE_STEP = "restore-staging";

  private final int jobs;
  private final Path work;
  private final ObjectMapper json = new ObjectMapper();
  private final EvidenceStore evidence;
  private final TestWorkflowEnvironment temporal;
  private final WorkflowClient client;

  RehearsalRunner(int jobs, PostgresServers servers, Path work) {
    this.jobs = jobs;
    this.work = work;
    evidence = new EvidenceStore(work.resolve("data"));
    Map<String, String> workerEnvironment = Map.of(
        "PROD_DATABASE_URL", servers.productionUrl(),
        "STAGING_DATABASE_URL", servers.stagingUrl(),
        "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        "HOME", System.getProperty("user.home"));
    // Real time: nothing in the runs should be skipped, and the sign-off timer must simply wait.
    temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    Worker worker = temporal.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new StepActivitiesImpl(evidence, workerEnvironment::get),
        new PostgresActivitiesImpl(evidence, new PgTools(null, workerEnvironment::get), workerEnvironment::get));
    temporal.start();
    client = temporal.getWorkflowClient();
  }

  EvidenceStore evidence() {
    return evidence;
  }

  @Override
  public void close() {
    temporal.close();
  }

  static String plan(String phases) {
    return """
        apiVersion: rehearsal/v1
        name: bench-snapshot-restore
        environment: staging
        targets:
          prod-db: { postgres: { url: "${env:PROD_DATABASE_URL}" }, readOnly: true }
          staging-db: { postgres: { url: "${env:STAGING_DATABASE_URL}" } }
        defaults: { retry: { maxAttempts: 1 } }
        phases:
        """ + phases.indent(2);
  }

  private String copyPlan() {
    return plan("""
        snapshot:
          - { name: %s, postgres.snapshot: { from: prod-db, jobs: %d } }
        restore:
          - { name: %s, postgres.restore: { to: staging-db, from: %s, jobs: %d } }
        signoff: {}
        """.formatted(SNAPSHOT_STEP, jobs, RESTORE_STEP, SNAPSHOT_STEP, jobs));
  }

  RehearsalTiming rehearse(String label) throws Exception {
    String id = "bench-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
    Timed<RehearsalState> run = runUntilSignoff(id, Plans.parse(copyPlan()));
    RehearsalState state = run.value();
    StepState snapshot = step(state, SNAPSHOT_STEP);
    StepState restore = step(state, RESTORE_STEP);
    JsonNode taken = json.readTree(evidence.find(id, SNAPSHOT_STEP + ".a1.snapshot.json").orElseThrow().toFile());
    JsonNode verified = json.readTree(evidence.find(id, RESTORE_STEP + ".a1.verification.json").orElseThrow().toFile());
    if (!verified.path("faithful").asBoolean()) {
      throw new IllegalStateException("Rehearsal's verification says the copy is not faithful: " + verified.path("differences"));
    }
    RehearsalTiming t = new RehearsalTiming(run.seconds(), duration(snapshot), duration(restore), taken.path("dumpSeconds").asDouble(),
        verified.path("restoreSeconds").asDouble(), taken.path("dumpBytes").asLong(), snapshot.summary(), restore.summary());
    deleteRecursively(work.resolve("data").resolve("evidence").resolve(id));
    return t;
  }

  static final String COPY_STEP = "copy-prod";

  /** A rehearsal whose one step is {@code postgres.copy} with {@code method}; its seconds and the method it used. */
  Timed<String> copy(String label, String method) throws Exception {
    String id = "bench-copy-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
    Timed<RehearsalState> run = runUntilSignoff(id, Plans.parse(plan("""
        snapshot:
          - { name: %s, postgres.copy: { from: prod-db, to: staging-db, jobs: %d, method: %s } }
        signoff: {}
        """.formatted(COPY_STEP, jobs, method))));
    JsonNode verified = json.readTree(evidence.find(id, COPY_STEP + ".a1.verification.json").orElseThrow().toFile());
    if (!verified.path("faithful").asBoolean()) {
      throw new IllegalStateException("Rehearsal's verification says the copy is not faithful: " + verified.path("differences"));
    }
    JsonNode how = json.readTree(evidence.find(id, COPY_STEP + ".a1.copy.json").orElseThrow().toFile());
    deleteRecursively(work.resolve("data").resolve("evidence").resolve(id));
    lastCopyPhases = phases(how.path("phaseSeconds"), run.seconds());
    return new Timed<>(how.path("method").asText() + " (" + how.path("reason").asText() + ")", run.seconds());
  }

  private String lastCopyPhases = "";

  /** The phases of the last {@link #copy}, as its copy.json recorded them, and what the activity's total leaves out. */
  String lastCopyPhases() {
    return lastCopyPhases;
  }

  private static String phases(JsonNode recorded, double wall) {
    StringBuilder line = new StringBuilder();
    recorded.fields().forEachRemaining(e -> line.append(String.format(java.util.Locale.ROOT, "%s %.2f, ", e.getKey(), e.getValue().asDouble())));
    return line + String.format(java.util.Locale.ROOT, "outside the activity %.2f", wall - recorded.path("total").asDouble());
  }

  record Timed<T>(T value, double seconds) {}

  /** Starts a rehearsal and polls its state every 50 ms until it awaits sign-off; fails loudly on any other end. */
  Timed<RehearsalState> runUntilSignoff(String id, Plan plan) throws InterruptedException {
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    RehearsalInput input = new RehearsalInput(plan, "bench", Map.of("releaseCandidate", "bench"), "bench");
    long t0 = System.nanoTime();
    WorkflowClient.start(run::run, input);
    RehearsalState state;
    while (true) {
      state = run.state();
      if (state.status() == RunStatus.AWAITING_APPROVAL || state.status().isFinal()) {
        break;
      }
      Thread.sleep(50);
    }
    double took = seconds(t0);
    if (state.status() == RunStatus.AWAITING_APPROVAL) {
      WorkflowStub.fromTyped(run).terminate("benchmark round done");
    } else {
      StringBuilder why = new StringBuilder("rehearsal " + id + " ended " + state.status() + ":");
      for (StepState s : state.steps()) {
        why.append("\n  ").append(s.name()).append(' ').append(s.status()).append(": ").append(s.summary());
      }
      throw new IllegalStateException(why.toString());
    }
    return new Timed<>(state, took);
  }

  private static StepState step(RehearsalState state, String name) {
    return state.steps().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no step " + name));
  }

  private static double duration(StepState s) {
    return Duration.between(s.startedAt(), s.finishedAt()).toMillis() / 1000.0;
  }
}
