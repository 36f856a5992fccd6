package dev.rehearsal.worker;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Ready only when the Temporal frontend answers for our namespace. */
@Component("temporal")
public class TemporalHealthIndicator implements HealthIndicator {
  private final WorkflowServiceStubs stubs;
  private final TemporalEndpoint endpoint;

  public TemporalHealthIndicator(WorkflowServiceStubs stubs, TemporalEndpoint endpoint) {
    this.stubs = stubs;
    this.endpoint = endpoint;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.unknown()
        .withDetail("target", endpoint.target())
        .withDetail("namespace", endpoint.namespace())
        .withDetail("kind", endpoint.kind().label())
        .withDetail("persistent", endpoint.persistent());
    try {
      stubs.blockingStub().withDeadlineAfter(3, TimeUnit.SECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(endpoint.namespace()).build());
      return health.up().build();
    } catch (RuntimeException e) {
      return health.down().withDetail("error", e.getMessage()).build();
    }
  }
}
