package dev.rehearsal.bench;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.notify.RunLinks;
import dev.rehearsal.activities.postgres.PgTools;
import dev.rehearsal.activities.process.StepIsolation;
import dev.rehearsal.activities.secrets.SecretAllowList;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.worker.RehearsalWorker;
import dev.rehearsal.worker.runs.RunStateFeed;
import dev.rehearsal.workflows.archive.ArchiveKeepers;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.util.Map;

/**
 * Rehearsal: the app's worker ({@link RehearsalWorker} with the default options and local-mode wiring: evidence and
 * archive in a data directory, every secret allowed), each run started as the API starts it (registered with its
 * archive keeper first), reached when it awaits sign-off (no plan signs itself off).
 */
final class RehearsalSide implements OverheadSide {
  static final String QUEUE = "overhead-rehearsal";

  private final WorkflowClient client;
  private final RehearsalWorker worker;
  private final Plan plan;
  private final int steps;
  private final boolean archiver;
  private final ArchiveKeepers keepers;

  /**
   * @param archiver false only to profile what else a run costs (bench flag {@code --no-archiver})
   * @param stateFeed true to add what local mode adds for its in-process list, {@link RunStateFeed} (bench flag
   *     {@code --state-feed}, a profiling aid: its listener here does nothing)
   */
  RehearsalSide(WorkflowClient client, Path dataDir, String baseUrl, int steps, boolean archiver, boolean stateFeed) {
    this.client = client;
    this.steps = steps;
    this.archiver = archiver;
    keepers = new ArchiveKeepers(client, QUEUE, ArchiveKeepers.DEFAULT_COUNT);
    EvidenceStore evidence = new EvidenceStore(dataDir);
    worker = !stateFeed ? new RehearsalWorker(client, WorkerOptions.getDefaultInstance(), QUEUE, evidence)
        : new RehearsalWorker(client, WorkerOptions.getDefaultInstance(), QUEUE, evidence, new Archive(dataDir),
            new PgTools(null, System::getenv), StepIsolation.forThisProcess(null), new SecretAllowList(Map.of()),
            RunLinks.NONE, WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new RunStateFeed(state -> { })).build());
    worker.start();
    plan = Plans.parse(plan(baseUrl, steps));
  }

  static String plan(String baseUrl, int steps) {
    StringBuilder yaml = new StringBuilder("""
        apiVersion: rehearsal/v1
        name: bench-overhead
        environment: staging
        targets:
          app: { http: { baseUrl: "%s" } }
        phases:
          smoke:
        """.formatted(baseUrl));
    for (int i = 1; i <= steps; i++) {
      yaml.append("    - { name: step-").append(i).append(", http: { target: app, path: /step-").append(i).append(" } }\n");
    }
    return yaml.append("  signoff: {}\n").toString();
  }

  @Override
  public String name() {
    return "rehearsal";
  }

  @Override
  public void start(String id) {
    // As RehearsalService.start: registered with its archive keeper first, so that no run exists unwatched.
    String keeper = this.archiver ? keepers.register(id) : null;
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(id).setTaskQueue(QUEUE)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build());
    WorkflowClient.start(run::run, new RehearsalInput(plan, "bench", Map.of("releaseCandidate", "bench"), "bench").withArchiveKeeper(keeper));
  }

  @Override
  public void awaitReached(String id) throws InterruptedException {
    // From its history, as the bare side's getResult and the batch's end time do: the state query that says so too
    // runs a query task on the worker (the run's state built and encoded), which the bare side never pays; it is
    // asked once the batch is measured (verify).
    while (!OverheadBatch.reachedOrClosed(client.fetchHistory(id).getEvents(), steps)) {
      Thread.sleep(10);
    }
  }

  @Override
  public void verify(String id) {
    RehearsalState state = client.newWorkflowStub(RehearsalWorkflow.class, id).state();
    if (state.status() != RunStatus.AWAITING_APPROVAL) {
      StringBuilder why = new StringBuilder("rehearsal " + id + " is " + state.status() + ", not awaiting sign-off:");
      for (StepState s : state.steps()) {
        why.append("\n  ").append(s.name()).append(' ').append(s.status()).append(": ").append(s.summary());
      }
      throw new IllegalStateException(why.toString());
    }
    long succeeded = state.steps().stream().filter(s -> s.status() == StepStatus.SUCCEEDED).count();
    if (succeeded != steps) {
      throw new IllegalStateException("rehearsal " + id + " awaits sign-off with " + succeeded + " of " + steps + " steps succeeded");
    }
  }

  @Override
  public void close() {
    worker.stop();
  }
}
