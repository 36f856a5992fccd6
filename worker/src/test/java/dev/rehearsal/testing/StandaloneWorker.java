package dev.rehearsal.testing;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.worker.RehearsalWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;

/** A worker in its own JVM, so a test can kill it like a crashed machine: {@code <target> <task queue> <data dir>}. */
public final class StandaloneWorker {
  private StandaloneWorker() {}

  /** Starts a worker JVM on this test's classpath with the given environment (where its secrets come from). */
  public static Process startJvm(String target, String queue, Path data, java.util.Map<String, String> environment, Path log)
      throws java.io.IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        StandaloneWorker.class.getName(), target, queue, data.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  /**
   * Options for a worker a test kills or replaces. No sticky queue: the in-memory test server never moves a dead
   * worker's sticky tasks (nor queries and updates sent meanwhile) back to the normal queue, as a real server does after
   * the schedule-to-start timeout, so a killed sticky worker would strand the run. A sticky schedule-to-start timeout
   * of zero makes the SDK ask for no stickiness at all (SDK 1.38: no sticky attributes in the task completion).
   * A freshly started JVM on a busy 2-core machine can take over a second to load the classes a replay needs; the
   * SDK's 1 s deadlock detector would then fail the task (PotentialDeadlockException) though nothing is stuck.
   */
  public static WorkerOptions restartable() {
    return WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO)
        .setDefaultDeadlockDetectionTimeout(Duration.ofSeconds(10).toMillis()).build();
  }

  public static void main(String[] args) throws InterruptedException {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
    new RehearsalWorker(WorkflowClient.newInstance(stubs), restartable(), args[1], new EvidenceStore(Path.of(args[2]))).start();
    System.out.println("worker started");
    Thread.currentThread().join();
  }
}
