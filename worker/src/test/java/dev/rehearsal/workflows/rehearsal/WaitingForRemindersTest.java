package dev.rehearsal.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.activities.notify.NotifyActivitiesImpl;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.testing.Plans;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reminders follow the run's {@code waitingFor}, whoever sets it (manual steps, failure decisions): reminded every
 * {@code remindEvery} while it is set, silent once it is cleared, and told when a wait with an {@code until} times out.
 * A stand-in workflow sets and clears {@code waitingFor} the way those steps do.
 */
class WaitingForRemindersTest {
  private static final String QUEUE = "waiting-for-reminders";

  @WorkflowInterface
  public interface PersonWaitingWorkflow {
    @WorkflowMethod
    void run(Plan plan);

    @SignalMethod
    void completed();
  }

  /** A manual step completed after 2h30m, five idle hours, then a decision that times out after 2h30m. */
  public static class PersonWaitingWorkflowImpl implements PersonWaitingWorkflow {
    private WaitingFor waitingFor;
    private boolean completed;

    @Override
    public void run(Plan plan) {
      WebhookNotifier webhooks = new WebhookNotifier(plan, "v1");
      PersonWaitReminders.startIfAsked(plan.phases().signoff(),
          () -> PersonWaits.current(RunStatus.RUNNING, null, null, Duration.ZERO, waitingFor),
          (event, wait, deliver) -> webhooks.notify(event, deliver, RunStatus.RUNNING, List.of(), List.of(), wait));
      waitingFor = new WaitingFor(WaitingFor.Kind.MANUAL, "dashboards", now(), "group:qa", now().plus(Duration.ofHours(24)));
      Workflow.await(Duration.ofHours(24), () -> completed);
      waitingFor = null;
      Workflow.sleep(Duration.ofHours(5));
      waitingFor = new WaitingFor(WaitingFor.Kind.DECISION, "migrate", now(), "ENGINEER", now().plus(Duration.ofMinutes(150)));
      Workflow.await(Duration.ofMinutes(150), () -> false);
      waitingFor = null;
      Workflow.sleep(Duration.ofMinutes(1));
    }

    @Override
    public void completed() {
      completed = true;
    }

    private static Instant now() {
      return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
  }

  private TestWorkflowEnvironment env;
  private HttpServer receiver;
  private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();

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
    worker.registerWorkflowImplementationTypes(PersonWaitingWorkflowImpl.class);
    Map<String, String> secrets = Map.of("HOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    worker.registerActivitiesImplementations(new NotifyActivitiesImpl(secrets::get));
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
    receiver.stop(0);
  }

  @Test
  void remindedWhileWaitingSilentAfterAndToldOfTheTimeout() {
    WorkflowClient client = env.getWorkflowClient();
    PersonWaitingWorkflow run = client.newWorkflowStub(PersonWaitingWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-waiting-for").build());
    WorkflowClient.start(run::run, Plans.parse("""
        apiVersion: rehearsal/v1
        name: waits
        environment: staging
        notify:
          webhooks: [ { url: "${env:HOOK_URL}", events: [reminder, waitTimedOut] } ]
        phases:
          signoff: { remindEvery: 1h }
        """));
    env.sleep(Duration.ofMinutes(150));
    run.completed();
    io.temporal.client.WorkflowStub.fromTyped(run).getResult(Void.class);

    assertThat(delivered).extracting(d -> d.at("/rehearsal/event").asText() + " " + d.at("/rehearsal/waiting/awaited").asText()
        + " " + d.at("/rehearsal/waiting/step").asText() + " " + d.at("/rehearsal/waiting/who").asText()
        + " " + d.at("/rehearsal/waiting/waitedSeconds").asLong() / 60 + "m")
        .containsExactly(
            "reminder manual dashboards group:qa 60m",
            "reminder manual dashboards group:qa 120m",
            "reminder decision migrate ENGINEER 60m",
            "reminder decision migrate ENGINEER 120m",
            "waitTimedOut decision migrate ENGINEER 150m");
    assertThat(delivered.get(0).get("text").asText()).contains("still waits, after 1h for manual step dashboards by group:qa");
    assertThat(delivered.get(4).get("text").asText())
        .contains("timed out after 2h 30m for a decision on failed step migrate by ENGINEER");
  }
}
