package dev.rehearsal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** What an operator reads on the health endpoint about Temporal: which server, by the labels the log also prints. */
class TemporalHealthIndicatorTest {
  @Test
  void anAnsweringServerIsUpAndNamedByItsLabel() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      TemporalEndpoint endpoint = new TemporalEndpoint("127.0.0.1:7233", env.getNamespace(), TemporalServerKind.IN_MEMORY);
      Health health = new TemporalHealthIndicator(env.getWorkflowServiceStubs(), endpoint).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("kind", "in-memory-test-server").containsEntry("persistent", false)
          .containsEntry("namespace", env.getNamespace());
    }
  }

  @Test
  void aSilentServerIsDownAndStillSaysWhichKind() {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());
    try {
      Health health = new TemporalHealthIndicator(stubs, new TemporalEndpoint("127.0.0.1:1", "default", TemporalServerKind.REMOTE)).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("kind", "remote").containsEntry("persistent", true).containsKey("error");
    } finally {
      stubs.shutdownNow();
    }
  }

  @Test
  void everyKindKeepsTheLabelOperatorsKnow() {
    assertThat(TemporalServerKind.REMOTE.label()).isEqualTo("remote");
    assertThat(TemporalServerKind.DEV_SERVER.label()).isEqualTo("temporal-cli-dev-server");
    assertThat(TemporalServerKind.IN_MEMORY.label()).isEqualTo("in-memory-test-server");
    assertThat(TemporalServerKind.values()).filteredOn(TemporalServerKind::isRemote).containsExactly(TemporalServerKind.REMOTE);
  }
}
