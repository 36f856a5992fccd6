package dev.rehearsal.bench;

import dev.rehearsal.worker.RehearsalWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.List;

/** The baseline: a bare SDK workflow with one GET activity per step, on a worker with the same options as Rehearsal's. */
final class BareSide implements OverheadSide {
  static final String QUEUE = "overhead-bare";

  private final WorkflowClient client;
  private final WorkerFactory factory;
  private final String baseUrl;
  private final int steps;

  BareSide(WorkflowClient client, String baseUrl, int steps) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.steps = steps;
    factory = WorkerFactory.newInstance(client);
    // RehearsalWorker builds its worker from the default options this way: the same pollers, slots and heartbeats.
    Worker worker = factory.newWorker(QUEUE, RehearsalWorker.withPromptCancellation(WorkerOptions.getDefaultInstance()));
    worker.registerWorkflowImplementationTypes(BareHttpWorkflowImpl.class);
    worker.registerActivitiesImplementations(new BareHttpActivitiesImpl());
    factory.start();
  }

  @Override
  public String name() {
    return "bare SDK";
  }

  @Override
  public void start(String id) {
    BareHttpWorkflow run = client.newWorkflowStub(BareHttpWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    WorkflowClient.start(run::run, baseUrl, steps);
  }

  @Override
  public void awaitReached(String id) {
    List<?> results = client.newUntypedWorkflowStub(id).getResult(List.class);
    if (results.size() != steps) {
      throw new IllegalStateException("bare run " + id + " made " + results.size() + " requests, not " + steps);
    }
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
