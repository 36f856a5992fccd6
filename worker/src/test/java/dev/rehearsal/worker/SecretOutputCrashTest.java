package dev.rehearsal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.testing.PortBoundTemporal;
import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.testing.StandaloneWorker;
import dev.rehearsal.testing.StepDirs;
import dev.rehearsal.testing.TokenTarget;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret output outlives the worker that produced it: the worker JVM that logged in is killed before the step that
 * uses the token; another worker (another process sharing the data directory) runs that step with the token, and the
 * login does not run again.
 */
class SecretOutputCrashTest {
  private static final String QUEUE = "secret-output-crash-test";

  @TempDir Path dir;

  @Test
  void aSecretOutputReachesItsConsumerAfterTheProducingWorkerIsKilled() throws Exception {
    Path sideEffects = dir.resolve("side-effects.log");
    Path data = StepDirs.shared(dir).resolve("data");
    try (PortBoundTemporal temporal = new PortBoundTemporal(); TokenTarget app = new TokenTarget()) {
      String target = temporal.target();
      WorkflowClient client = temporal.client();

      Process first = StandaloneWorker.startJvm(target, QUEUE, data, Map.of("APP_PASSWORD", TokenTarget.PASSWORD),
          dir.resolve("first-worker.log"));
      RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
          WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-secret-crash").build());
      WorkflowClient.start(run::run, new RehearsalInput(Plans.parse("""
          apiVersion: rehearsal/v1
          name: secret-crash
          environment: staging
          defaults: { heartbeatTimeout: 5s, retry: { initialInterval: 100ms } }
          targets:
            app: { http: { baseUrl: "%2$s" } }
          phases:
            preflight:
              - name: login
                http: { target: app, method: POST, path: /api/login, body: '{"password": "${env:APP_PASSWORD}"}' }
                outputs: { token: { json: /token, secret: true } }
            migrate: [ { name: slow, command: { run: [sh, -c, "echo slow-started >> %1$s; sleep 4"] } } ]
            smoke:
              - name: me
                http: { target: app, path: /api/me, headers: { Authorization: "Bearer ${steps.login.outputs.token}" } }
            signoff: {}
          """.formatted(sideEffects, app.baseUrl())), "v1", Map.of(), "alice"));

      Await.until(() -> Files.exists(sideEffects), "the step after the login to start on the first worker");
      assertThat(run.state().steps()).extracting(StepState::status)
          .containsExactly(StepStatus.SUCCEEDED, StepStatus.RUNNING, StepStatus.PENDING);
      first.destroyForcibly().waitFor();

      // This JVM has no APP_PASSWORD: it could not log in again, only use the token the dead worker kept.
      RehearsalWorker second = new RehearsalWorker(client, QUEUE, new EvidenceStore(data));
      second.start();
      try {
        RehearsalState state = Await.value(run::state, s -> s.status() != RunStatus.RUNNING, "the second worker to finish");
        assertThat(state.steps()).as(state.toString()).extracting(StepState::status).containsOnly(StepStatus.SUCCEEDED);
        assertThat(state.steps()).extracting(StepState::attempts).containsExactly(1, 2, 1);
        assertThat(app.logins()).as("the login ran once").isEqualTo(1);
        assertThat(app.authorized()).as("the call after the crash carried the token").isEqualTo(1);
      } finally {
        second.stop();
      }
    }
  }
}
