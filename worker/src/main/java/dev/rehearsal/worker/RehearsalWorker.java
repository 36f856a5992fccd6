package dev.rehearsal.worker;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchiveActivitiesImpl;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.load.BaselineStore;
import dev.rehearsal.activities.load.LoadActivitiesImpl;
import dev.rehearsal.activities.notify.NotifyActivitiesImpl;
import dev.rehearsal.activities.notify.RunLinks;
import dev.rehearsal.activities.postgres.PgTools;
import dev.rehearsal.activities.process.StepIsolation;
import dev.rehearsal.activities.secrets.AllowListGate;
import dev.rehearsal.activities.secrets.SecretAllowList;
import dev.rehearsal.activities.secrets.WorkerSecrets;
import dev.rehearsal.activities.postgres.PostgresActivitiesImpl;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.workflows.archive.ArchiveKeeperWorkflowImpl;
import dev.rehearsal.workflows.archive.ArchiveWorkflowImpl;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Polls the rehearsal task queue: the rehearsal workflow, the archive keepers (and per-run archivers started before
 * them) and their activities (commands, HTTP, PostgreSQL, load, webhooks, archiving). Runs unless this process is API-only.
 */
public class RehearsalWorker implements SmartLifecycle {
  private final WorkerFactory factory;
  private volatile boolean running;

  /** A worker with default options that finds the PostgreSQL tools on the PATH. */
  public RehearsalWorker(WorkflowClient client, String taskQueue, EvidenceStore evidence) {
    this(client, WorkerOptions.getDefaultInstance(), taskQueue, evidence);
  }

  /** A worker that finds the PostgreSQL tools on the PATH, isolates steps as this process can, and allows every secret. */
  public RehearsalWorker(WorkflowClient client, WorkerOptions options, String taskQueue, EvidenceStore evidence) {
    this(client, options, taskQueue, evidence, new Archive(evidence.dataDir()), new PgTools(null, System::getenv),
        StepIsolation.forThisProcess(null), new SecretAllowList(Map.of()));
  }

  /** @param archive where closed runs are archived (with its chain head copy, when one is configured) */
  public RehearsalWorker(WorkflowClient client, WorkerOptions options, String taskQueue, EvidenceStore evidence,
      Archive archive, PgTools pgTools, StepIsolation isolation, SecretAllowList allowList) {
    this(client, options, taskQueue, evidence, archive, pgTools, isolation, allowList, RunLinks.NONE);
  }

  /** @param links how webhooks link to a run ({@code rehearsal.public-url}) */
  public RehearsalWorker(WorkflowClient client, WorkerOptions options, String taskQueue, EvidenceStore evidence,
      Archive archive, PgTools pgTools, StepIsolation isolation, SecretAllowList allowList, RunLinks links) {
    this(client, options, taskQueue, evidence, archive, pgTools, isolation, allowList, links,
        WorkerFactoryOptions.getDefaultInstance());
  }

  /** @param factoryOptions the workflow cache and threads ({@link WorkerTuning}), and interceptors such as {@code RunStateFeed} */
  public RehearsalWorker(WorkflowClient client, WorkerOptions options, String taskQueue, EvidenceStore evidence,
      Archive archive, PgTools pgTools, StepIsolation isolation, SecretAllowList allowList, RunLinks links,
      WorkerFactoryOptions factoryOptions) {
    this.factory = WorkerFactory.newInstance(client, factoryOptions);
    Worker worker = factory.newWorker(taskQueue, withPromptCancellation(options));
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class, ArchiveWorkflowImpl.class, ArchiveKeeperWorkflowImpl.class);
    WorkerSecrets secrets = new WorkerSecrets(System::getenv, new AllowListGate(client, allowList));
    worker.registerActivitiesImplementations(
        new ArchiveActivitiesImpl(client, evidence, archive),
        new StepActivitiesImpl(evidence, secrets, isolation),
        new PostgresActivitiesImpl(evidence, pgTools, secrets),
        new LoadActivitiesImpl(evidence, new BaselineStore(evidence.dataDir()), secrets),
        new NotifyActivitiesImpl(System::getenv, links));
  }

  /**
   * Cancellation reaches an activity only in the answer to a heartbeat, and the SDK holds heartbeats back for up to
   * 80% of the heartbeat timeout. Letting one out every half second lets a cancelled load or dump stop within about
   * a second, at the price of a couple of small calls per second per running step.
   */
  public static WorkerOptions withPromptCancellation(WorkerOptions options) {
    return WorkerOptions.newBuilder(options)
        .setMaxHeartbeatThrottleInterval(java.time.Duration.ofMillis(500))
        .setDefaultHeartbeatThrottleInterval(java.time.Duration.ofMillis(500))
        .build();
  }

  @Override
  public void start() {
    factory.start();
    running = true;
  }

  @Override
  public void stop() {
    factory.shutdown();
    if (!factory.isTerminated()) {
      factory.awaitTermination(10, TimeUnit.SECONDS);
    }
    // Steps still running are interrupted, which kills their processes: Temporal retries them elsewhere, and a
    // command left running here would then run twice at once.
    factory.shutdownNow();
    factory.awaitTermination(5, TimeUnit.SECONDS);
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
