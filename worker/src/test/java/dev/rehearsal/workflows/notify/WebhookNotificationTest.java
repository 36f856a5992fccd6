package dev.rehearsal.workflows.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.notify.NotifyActivitiesImpl;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks are delivered to a real local receiver, retried with backoff while it fails. */
class WebhookNotificationTest {
  private static final String QUEUE = "notify-test";

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private HttpServer receiver;
  private final AtomicInteger posts = new AtomicInteger();
  private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();
  private RehearsalWorkflow lastRun;

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      // The receiver is down for the first two deliveries.
      int status = posts.incrementAndGet() <= 2 ? 503 : 200;
      if (status == 200) {
        delivered.add(new ObjectMapper().readTree(new String(body, StandardCharsets.UTF_8)));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    Map<String, String> secrets = Map.of("HOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
        "PATH", System.getenv("PATH"));
    worker.registerActivitiesImplementations(new StepActivitiesImpl(new EvidenceStore(dir), secrets::get),
        new NotifyActivitiesImpl(secrets::get));
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop(org.junit.jupiter.api.TestInfo test) throws Exception {
    HistoryRecorder.recordIfAsked(client, lastRun, test, "notify-");
    env.close();
    receiver.stop(0);
  }

  @Test
  void aWebhookHearsOfApprovalAndEndDespiteFailingAtFirst() throws Exception {
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-notify").build());
    lastRun = run;
    WorkflowClient.start(run::run, new RehearsalInput(Plans.parse("""
        apiVersion: rehearsal/v1
        name: notified
        environment: staging
        notify:
          webhooks: [ { url: "${env:HOOK_URL}", events: [awaitingApproval, ended] } ]
        phases:
          smoke: [ { name: ok, command: { run: [echo, fine] } } ]
          signoff: {}
        """), "v9.9.9", Map.of(), "alice"));

    await(() -> delivered.size() == 1, "the awaiting-approval notification");
    JsonNode awaiting = delivered.get(0);
    assertThat(posts.get()).as("two failed deliveries were retried").isEqualTo(3);
    assertThat(awaiting.get("text").asText()).contains("rh-notify", "notified", "v9.9.9", "is awaiting approval");
    assertThat(awaiting.at("/rehearsal/event").asText()).isEqualTo("awaitingApproval");

    run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), null));
    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

    assertThat(end.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(delivered).hasSize(2);
    assertThat(delivered.get(1).at("/rehearsal/status").asText()).isEqualTo("SUCCEEDED");
    assertThat(delivered.get(1).get("text").asText()).contains("ended SUCCEEDED");
    assertThat(delivered.get(1).at("/rehearsal/readiness").asText()).as("no gates").isEqualTo("NOT_ASSESSED");
    assertThat(delivered.get(1).get("text").asText()).endsWith("; readiness NOT_ASSESSED");
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
