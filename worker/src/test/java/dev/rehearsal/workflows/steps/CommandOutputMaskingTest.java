package dev.rehearsal.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.testing.HistoryText;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.workflows.rehearsal.CancelRequest;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflowImpl;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.testing.Await;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10, finding 7: output was cut to maxOutputBytes before masking, leaving the start of a secret in the run. */
class CommandOutputMaskingTest {
  private static final String QUEUE = "masking-test";
  /** 17 characters, as in the finding. */
  private static final String SECRET = "Ab7-kPq2Zq9xSecrt";

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private EvidenceStore evidence;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    evidence = new EvidenceStore(dir.resolve("data"));
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new StepActivitiesImpl(evidence, Map.of("APP_TOKEN", SECRET, "PATH", System.getenv("PATH"))::get));
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aSecretStraddlingTheOutputLimitIsMaskedWholeInStateHistoryAndEvidence() throws Exception {
    String id = "rh-" + UUID.randomUUID();
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    WorkflowClient.start(run::run, new RehearsalInput(Plans.parse("""
        apiVersion: rehearsal/v1
        name: masking
        environment: staging
        phases:
          smoke:
            - name: print
              command:
                run: [sh, -c, 'printf "%090d%s\\n" 0 "$TOKEN"; printf "%095d%s\\n" 0 "$TOKEN" >&2']
                env: { TOKEN: "${env:APP_TOKEN}" }
                maxOutputBytes: 100
          signoff: {}
        """), "v1", Map.of(), "alice"));

    RehearsalState state = Await.value(run::state, s -> s.status() != RunStatus.RUNNING, "the run to await approval");
    assertThat(state.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    String stdout = new String(evidence.read(id, "print.a1.stdout.log"), StandardCharsets.UTF_8);
    String stderr = new String(evidence.read(id, "print.a1.stderr.log"), StandardCharsets.UTF_8);
    assertThat(stdout).as("masked, it fits").isEqualTo("0".repeat(90) + "********\n");
    assertThat(stderr).as("masked, then cut").isEqualTo("0".repeat(95) + "*****");
    assertThat(state.steps().get(0).evidence()).extracting(EvidenceRef::truncated).containsExactly(false, true);
    assertThat(state.steps().get(0).summary()).endsWith("0********");
    run.cancel(new CancelRequest("alice", "done"));

    String everything = state.toString() + stdout + stderr
        + HistoryText.withDecodedPayloads(client.fetchHistory(id).toJson(false));
    for (int n = 4; n <= SECRET.length(); n++) {
      assertThat(everything).as("the first %d characters of the secret", n).doesNotContain(SECRET.substring(0, n));
    }
    try (var files = Files.walk(dir.resolve("data"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f)).doesNotContain(SECRET.substring(0, 4));
      }
    }
  }
}
