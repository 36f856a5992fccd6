package dev.rehearsal.workflows.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.notify.NotifyActivitiesImpl;
import dev.rehearsal.activities.notify.RunLinks;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.testing.HistoryRecorder;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.workflows.rehearsal.ApprovalRequest;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflowImpl;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a run waits for sign-off, its webhooks are reminded every {@code signoff.remindEvery} on durable timers (the
 * test server skips time), told when the wait times out, and hear nothing more once someone has decided.
 */
class PersonWaitReminderTest {
  private static final String QUEUE = "reminder-test";

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private HttpServer receiver;
  private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();
  private RehearsalWorkflow lastRun;

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      delivered.add(new ObjectMapper().readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    Map<String, String> secrets = Map.of("HOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
        "PATH", System.getenv("PATH"));
    worker.registerActivitiesImplementations(new StepActivitiesImpl(new EvidenceStore(dir), secrets::get),
        new NotifyActivitiesImpl(secrets::get, RunLinks.of("https://rehearsal.example.com/")));
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop(org.junit.jupiter.api.TestInfo test) throws Exception {
    HistoryRecorder.recordIfAsked(client, lastRun, test, "reminders-");
    env.close();
    receiver.stop(0);
  }

  private RehearsalWorkflow startRun(String id, String timeout) {
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    lastRun = run;
    WorkflowClient.start(run::run, new RehearsalInput(Plans.parse("""
        apiVersion: rehearsal/v1
        name: reminded
        environment: staging
        notify:
          webhooks: [ { url: "${env:HOOK_URL}" } ]
        phases:
          smoke: [ { name: ok, command: { run: [echo, fine] } } ]
          signoff: { timeout: %s, remindEvery: 1h }
        """.formatted(timeout)), "v2.0.0", Map.of(), "alice"));
    return run;
  }

  @Test
  void signoffTimedOut() {
    RehearsalWorkflow run = startRun("rh-remind-timeout", "3h30m");

    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

    assertThat(end.status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(events()).containsExactly("awaitingApproval", "reminder", "reminder", "reminder", "waitTimedOut", "ended");
    List<JsonNode> reminders = delivered.stream().filter(d -> d.at("/rehearsal/event").asText().equals("reminder")).toList();
    assertThat(reminders).extracting(r -> r.at("/rehearsal/waiting/waitedSeconds").asLong() / 60)
        .as("one reminder an hour, in minutes").containsExactly(60L, 120L, 180L);
    JsonNode first = reminders.get(0);
    assertThat(first.at("/rehearsal/waiting/awaited").asText()).isEqualTo("approval");
    assertThat(first.at("/rehearsal/waiting/who").asText()).isEqualTo("APPROVER");
    assertThat(first.at("/rehearsal/waiting/since").isMissingNode()).isFalse();
    assertThat(first.at("/rehearsal/link").asText()).isEqualTo("https://rehearsal.example.com/runs/rh-remind-timeout");
    assertThat(first.get("text").asText())
        .contains("rh-remind-timeout", "still waits, after 1h for approval by APPROVER")
        .endsWith(" https://rehearsal.example.com/runs/rh-remind-timeout");
    JsonNode timedOut = delivered.get(4);
    assertThat(timedOut.at("/rehearsal/waiting/waitedSeconds").asLong() / 60).isEqualTo(210);
    assertThat(timedOut.get("text").asText()).contains("timed out after 3h 30m for approval by APPROVER");
  }

  @Test
  void remindedUntilDecided() {
    RehearsalWorkflow run = startRun("rh-remind-decided", "72h");
    env.sleep(Duration.ofMinutes(150));
    assertThat(events()).containsExactly("awaitingApproval", "reminder", "reminder");

    run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), null));
    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);
    env.sleep(Duration.ofHours(5));

    assertThat(end.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(events()).as("no reminder after the decision").containsExactly("awaitingApproval", "reminder", "reminder", "ended");
  }

  @Test
  void noRemindEveryNoReminders() {
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-no-remind").build());
    WorkflowClient.start(run::run, new RehearsalInput(Plans.parse("""
        apiVersion: rehearsal/v1
        name: quiet
        environment: staging
        notify:
          webhooks: [ { url: "${env:HOOK_URL}" } ]
        phases:
          signoff: { timeout: 5h }
        """), "v2.0.0", Map.of(), "alice"));

    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

    assertThat(end.status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(events()).as("exactly as before reminders").containsExactly("awaitingApproval", "ended");
  }

  private List<String> events() {
    return delivered.stream().map(d -> d.at("/rehearsal/event").asText()).toList();
  }
}
