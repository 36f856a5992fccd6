package dev.rehearsal.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.process.StepIsolation;
import dev.rehearsal.activities.secrets.AllowListGate;
import dev.rehearsal.activities.secrets.SecretAllowList;
import dev.rehearsal.activities.secrets.WorkerSecrets;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.testing.Plans;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, finding 6: a run started past the API (straight on Temporal) still resolves only the secrets the server
 * allows for its plan's environment.
 */
class SecretAllowListActivityTest {
  private static final String QUEUE = "allow-list-test";

  @TempDir Path dir;
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    SecretAllowList allowList = new SecretAllowList(Map.of("staging", new SecretAllowList.Allowed(List.of("STAGING_DATABASE_URL"), List.of())));
    Map<String, String> workerEnvironment = Map.of("PATH", System.getenv("PATH"),
        "STAGING_DATABASE_URL", "postgresql://staging/app", "PROD_DATABASE_URL", "postgresql://prod/app");
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    worker.registerActivitiesImplementations(new StepActivitiesImpl(new EvidenceStore(dir.resolve("data")),
        new WorkerSecrets(workerEnvironment::get, new AllowListGate(env.getWorkflowClient(), allowList)),
        StepIsolation.forThisProcess(null)));
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aSecretNotAllowedForThePlansEnvironmentIsRefusedInsideTheActivity() {
    WorkflowClient client = env.getWorkflowClient();
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-" + UUID.randomUUID()).build());
    WorkflowClient.start(run::run, new RehearsalInput(Plans.parse("""
        apiVersion: rehearsal/v1
        name: past-the-api
        environment: staging
        phases:
          migrate:
            - { name: allowed, command: { run: [sh, -c, 'test -n "$DB"'], env: { DB: "${env:STAGING_DATABASE_URL}" } } }
            - { name: refused, retry: { maxAttempts: 1 }, command: { run: [sh, -c, 'echo "$DB"'], env: { DB: "${env:PROD_DATABASE_URL}" } } }
          signoff: {}
        """), "v1", Map.of(), "alice"));

    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    assertThat(end.steps()).extracting(StepState::status).containsExactly(StepStatus.SUCCEEDED, StepStatus.FAILED);
    assertThat(end.steps().get(1).summary()).contains("${env:PROD_DATABASE_URL} is not among the secrets plans for"
        + " environment staging may reference").doesNotContain("postgresql://prod");
  }
}
