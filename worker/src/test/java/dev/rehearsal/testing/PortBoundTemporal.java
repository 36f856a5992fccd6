package dev.rehearsal.testing;

import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import io.temporal.api.testservice.v1.SleepRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

/**
 * The SDK's test server on a free port of 127.0.0.1, for tests whose workers are separate JVMs (which a killed worker
 * needs), with a client of it.
 */
public final class PortBoundTemporal implements AutoCloseable {
  private final String target;
  private final TestServer.PortBoundTestServer server;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  public PortBoundTemporal() {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    target = "127.0.0.1:" + port;
    server = TestServer.createPortBoundServer(port);
    stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    client = WorkflowClient.newInstance(stubs);
  }

  /** The address a worker JVM connects to. */
  public String target() {
    return target;
  }

  public WorkflowClient client() {
    return client;
  }

  /** Starts alice's run {@code workflowId} of the plan {@code yaml} (release candidate v1) for the workers on {@code queue}. */
  public RehearsalWorkflow startRun(String queue, String workflowId, String yaml) {
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(workflowId).build());
    WorkflowClient.start(run::run, new RehearsalInput(Plans.parse(yaml), "v1", Map.of(), "alice"));
    return run;
  }

  /**
   * Moves the server's clock on by {@code duration} at once, so durable timers due meanwhile fire; otherwise this
   * server keeps real time.
   */
  public void skipTime(Duration duration) {
    TestServiceStubs test = TestServiceStubs.newServiceStubs(TestServiceStubsOptions.newBuilder().setTarget(target)
        .validateAndBuildWithDefaults());
    try {
      test.blockingStub().unlockTimeSkippingWithSleep(SleepRequest.newBuilder().setDuration(com.google.protobuf.Duration
          .newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano())).build());
    } finally {
      test.shutdownNow();
    }
  }

  @Override
  public void close() {
    stubs.shutdownNow();
    server.close();
  }
}
