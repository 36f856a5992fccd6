package dev.rehearsal.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.process.StepIsolation;
import dev.rehearsal.activities.secrets.WorkerSecrets;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.workflows.rehearsal.CancelRequest;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, findings 6 and 8: a command step read the worker's environment and configuration, and a double-forked
 * process outlived the cancelled run. The test suite runs as root (CI does), so steps run as nobody here.
 */
class CommandStepIsolationTest {
  private static final String QUEUE = "isolation-test";
  private static final String TOKEN = "approver-token-6f1d2c9e";

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private EvidenceStore evidence;
  private String marker;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    evidence = new EvidenceStore(dir.resolve("data"));
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new StepActivitiesImpl(evidence, WorkerSecrets.unrestricted(Map.of("PATH", System.getenv("PATH"))::get),
            StepIsolation.forThisProcess(null)));
    env.start();
    client = env.getWorkflowClient();
    // A sleep of 3115.<random digits> seconds: an argument no other process on this machine has.
    marker = "3115." + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void cancellingKillsEverythingTheStepStartedHoweverItDetached() throws Exception {
    RehearsalWorkflow run = start("""
        - name: daemons
          command:
            run: [sh, -c, '(sleep MARK &); setsid sleep MARK & (trap "" TERM; exec sleep MARK) & echo started; wait']
        """);
    Await.until(() -> processesWithMarker().size() >= 3, "three background sleeps");

    run.cancel(new CancelRequest("alice", "stop"));
    long cancelled = System.nanoTime();
    assertThat(WorkflowStub.fromTyped(run).getResult(RehearsalState.class).status()).isEqualTo(RunStatus.CANCELLED);
    Await.until(() -> processesWithMarker().isEmpty(), "no process with the marker");
    assertThat((System.nanoTime() - cancelled) / 1_000_000_000.0).as("seconds until all were gone").isLessThan(8);
  }

  @Test
  void aTimeoutKillsEverythingTheStepStarted() {
    RehearsalWorkflow run = start("""
        - name: slow
          retry: { maxAttempts: 1 }
          command: { run: [sh, -c, '(sleep MARK &); sleep MARK'], timeout: 2s }
        """);

    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);
    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    assertThat(end.steps().get(0).summary()).contains("timeout");
    Await.until(() -> processesWithMarker().isEmpty(), "no process with the marker");
  }

  /** The documented choice: a step's processes end with it; long-lived services belong to a service manager. */
  @Test
  void backgroundProcessesEndWithTheStep() {
    RehearsalWorkflow run = start("""
        - name: leaves-a-daemon
          command: { run: [sh, -c, '(sleep MARK &); echo left one'] }
        """);

    RehearsalState waiting = Await.value(run::state, s -> s.status() != RunStatus.RUNNING, "the step to end");
    assertThat(waiting.steps()).extracting(StepState::status).containsExactly(StepStatus.SUCCEEDED);
    Await.until(() -> processesWithMarker().isEmpty(), "no process with the marker");
    run.cancel(new CancelRequest("alice", "done"));
  }

  @Test
  void aStepCannotReadTheWorkersEnvironmentConfigurationOrDataButSeesTheHostsProcesses() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path users = dir.resolve("users.yaml");
    Files.writeString(users, "rehearsal.security.users: [ { name: bob, roles: [APPROVER], token: " + TOKEN + " } ]\n");
    Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
    evidence.put("rh-other-run", "deploy.a1.stdout.log", ("token " + TOKEN).getBytes(StandardCharsets.UTF_8), false);
    long worker = ProcessHandle.current().pid();
    Path data = dir.resolve("data");

    RehearsalWorkflow run = start("""
        - name: snoop
          command:
            shell: true
            env: {}
            run:
              - "id -u;"
              - "cat /proc/$PPID/environ && echo READ-PARENT-ENVIRON;"
              - "cat /proc/%1$d/environ && echo READ-WORKER-ENVIRON;"
              - "grep token %2$s && echo READ-USERS;"
              - "ls %3$s/evidence && echo LISTED-EVIDENCE;"
              - "cat %3$s/evidence/rh-other-run/deploy.a1.stdout.log && echo READ-OTHER-RUN;"
              - "echo HOME=$HOME; ps -p %1$d -o comm= | sed 's/^/SEES-WORKER /'; ps -e | wc -l | sed 's/^/PROCESSES /'"
        """.formatted(worker, users, data));

    RehearsalState state = Await.value(run::state, s -> s.status() != RunStatus.RUNNING, "the step to end");
    String stdout = new String(evidence.read(state.id(), "snoop.a1.stdout.log"), StandardCharsets.UTF_8);
    String stderr = new String(evidence.read(state.id(), "snoop.a1.stderr.log"), StandardCharsets.UTF_8);
    run.cancel(new CancelRequest("alice", "done"));

    assertThat(stdout.lines().findFirst()).hasValue("65534");
    assertThat(stdout).doesNotContain("READ-").doesNotContain("LISTED-").doesNotContain(TOKEN)
        .contains("SEES-WORKER java").doesNotContain("HOME=/root");
    assertThat(stderr).contains("/proc/" + worker + "/environ: Permission denied")
        .contains("users.yaml: Permission denied").contains("Permission denied").doesNotContain(TOKEN);
    int processes = Integer.parseInt(stdout.lines().filter(l -> l.startsWith("PROCESSES ")).findFirst().orElseThrow().substring(10).trim());
    assertThat(processes).as("ps -e inside the step lists the host's processes").isGreaterThan(10);
    for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
      if (variable.getValue().length() >= 12 && !List.of("PATH", "LANG", "TERM").contains(variable.getKey())) {
        assertThat(stdout + stderr).as("the worker's %s", variable.getKey()).doesNotContain(variable.getValue());
      }
    }
  }

  private RehearsalWorkflow start(String steps) {
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-" + UUID.randomUUID()).build());
    String yaml = """
        apiVersion: rehearsal/v1
        name: isolation
        environment: staging
        phases:
          deploy:
        """ + steps.replace("MARK", marker).indent(4) + """
          signoff: {}
        """;
    WorkflowClient.start(run::run, new RehearsalInput(Plans.parse(yaml), "v1", Map.of(), "alice"));
    Await.until(() -> !run.state().steps().isEmpty(), "the step to start");
    return run;
  }

  /** Every process on the host whose command line holds the marker, found the way an operator would: in /proc. */
  private List<Long> processesWithMarker() {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries.filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> cmdline(p).contains(marker))
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cmdline(Path process) {
    try {
      return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (IOException gone) {
      return "";
    }
  }
}
