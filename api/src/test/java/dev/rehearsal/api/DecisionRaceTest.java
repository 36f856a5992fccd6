package dev.rehearsal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.testing.Await;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Decisions at the same instant, over real HTTP: the first closes the run; the other is answered 409 with the reason
 * and recorded like any refusal, never 404. Reading a run while it closes never fails, and a run that has ended but
 * is still telling its webhooks cannot be cancelled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DecisionRaceTest {
  private static final String ALICE = LocalApp.ALICE;
  private static final String BOB = LocalApp.BOB;
  private static final String CAROL = LocalApp.CAROL;
  private static final String DAVE = LocalApp.DAVE;
  private static final int TRIALS = 5;

  private static HttpServer failingHook;
  private static final AtomicInteger hookPosts = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired WorkflowClient temporal;

  @BeforeAll
  static void hook() throws Exception {
    // A webhook receiver that is down: the run retries telling it of its end, so its workflow stays open a while.
    failingHook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    failingHook.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      hookPosts.incrementAndGet();
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    failingHook.start();
  }

  @AfterAll
  static void stopHook() {
    failingHook.stop(0);
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    String dataDir = Files.createTempDirectory("rehearsal-race-test").toString();
    registry.add("rehearsal.data-dir", () -> dataDir);
    registry.add("temporal.local-port", () -> "0");
    LocalApp.registerUsers(registry);
  }

  private ApiClient api() {
    return new ApiClient(port);
  }

  @Test
  void twoApproversAtOnceGetOne200AndOne409AndTheLoserIsRecorded() throws Exception {
    race("two-approvers", new Attempt("bob", BOB, "APPROVE"), new Attempt("carol", CAROL, "APPROVE"));
  }

  @Test
  void oneApproverTwiceAtOnceGetsOne200AndOne409() throws Exception {
    race("same-approver", new Attempt("bob", BOB, "APPROVE"), new Attempt("bob", BOB, "APPROVE"));
  }

  @Test
  void anApprovalAgainstARejectionAtOnceGetsOne200AndOne409() throws Exception {
    race("approve-reject", new Attempt("bob", BOB, "APPROVE"), new Attempt("carol", CAROL, "REJECT"));
  }

  @Test
  void cancelAfterSignOffIs409AndRecordsNothingWhileTheRunStillNotifies() {
    String id = startAndAwait("notifying", "  notify: { webhooks: [ { url: \"http://127.0.0.1:%d/hook\", events: [ended] } ] }\n"
        .formatted(failingHook.getAddress().getPort()));
    assertThat(api().postJson(path(id, "/approvals"), BOB, Map.of("decision", "APPROVE")).status()).isEqualTo(200);
    Await.until(() -> hookPosts.get() > 0, "the run to try its webhook");
    assertThat(temporal.newUntypedWorkflowStub(id).describe().getStatus())
        .as("still open, retrying the webhook").isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    ApiClient.Response cancel = api().postJson(path(id, "/cancel"), ALICE, Map.of("reason", "too late"));

    assertThat(cancel.status()).as(cancel.body()).isEqualTo(409);
    assertThat(cancel.contentType()).startsWith("application/problem+json");
    assertThat(cancel.json().get("detail").asText()).contains("SUCCEEDED");
    assertThat(types(api().get(path(id, "/history"), DAVE).json())).doesNotContain("CANCEL_REQUESTED");
    assertThat(api().get(path(id, "/history?format=temporal"), DAVE).body()).doesNotContain("\"signalName\": \"cancel\"");
    assertThat(api().get(path(id, ""), DAVE).json().get("cancellation").isNull()).isTrue();
  }

  @Test
  void aDecisionOrCancelCarryingALoneSurrogateIsRefusedWith400AndChangesNothing() {
    String id = startAndAwait("surrogates", "");
    ApiClient.Response approval = api().post(path(id, "/approvals"), BOB, "application/json",
        "{\"decision\": \"APPROVE\", \"comment\": \"ok \\ud800\"}");
    ApiClient.Response cancel = api().post(path(id, "/cancel"), ALICE, "application/json", "{\"reason\": \"\\udc00\"}");

    assertThat(approval.status()).as(approval.body()).isEqualTo(400);
    assertThat(approval.json().get("detail").asText()).contains("comment", "lone UTF-16 surrogate");
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(400);
    JsonNode state = awaitStatus(id, "AWAITING_APPROVAL");
    assertThat(state.at("/approvals/decisions")).isEmpty();
    assertThat(state.get("cancellation").isNull()).isTrue();
    assertThat(api().get("/api/v1/audit/export?plan=surrogates&format=csv", DAVE).status()).isEqualTo(200);
  }

  @Test
  void aMalformedEvidenceDigestIsRefusedWith400BeforeAnythingIsRecorded() {
    String id = startAndAwait("digests", "");
    String digest = api().get(path(id, ""), DAVE).json().get("evidenceDigest").asText();
    List<String> malformed = List.of("\"sha256:\\ud800\"", "\"" + digest.toUpperCase(Locale.ROOT) + "\"",
        "\"" + digest.substring("sha256:".length()) + "\"", "\"" + digest + "0\"", "\"sha256:" + "a".repeat(1000) + "\"");

    for (String bad : malformed) {
      ApiClient.Response refused = api().post(path(id, "/approvals"), BOB, "application/json",
          "{\"decision\": \"APPROVE\", \"evidenceDigest\": " + bad + "}");
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.json().get("detail").asText()).contains("evidenceDigest");
    }
    JsonNode state = awaitStatus(id, "AWAITING_APPROVAL");
    assertThat(state.at("/approvals/decisions")).isEmpty();
    assertThat(state.at("/approvals/refused")).isEmpty();
    assertThat(refusedIn(api().get(path(id, "/history"), DAVE).json())).isEmpty();

    ApiClient.Response approved = api().postJson(path(id, "/approvals"), BOB,
        Map.of("decision", "APPROVE", "evidenceDigest", digest));
    assertThat(approved.status()).as("the run's own digest, %s", approved.body()).isEqualTo(200);
  }

  private record Attempt(String actor, String token, String decision) {}

  /**
   * {@value #TRIALS} runs, each with the two attempts released together by a latch while a reader reads the run's
   * state, timeline and report; every trial: one 200, one 409 naming the reason, the loser in the run's refusals,
   * timeline and export, and no read answered anything but 200.
   */
  private void race(String plan, Attempt first, Attempt second) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      ids.add(start(plan));
    }
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      for (String id : ids) {
        awaitStatus(id, "AWAITING_APPROVAL");
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean deciding = new AtomicBoolean(true);
        List<String> badReads = new CopyOnWriteArrayList<>();
        Future<?> reader = threads.submit(() -> read(id, deciding, badReads));
        Future<ApiClient.Response> a = threads.submit(() -> decide(go, id, first));
        Future<ApiClient.Response> b = threads.submit(() -> decide(go, id, second));
        go.countDown();
        List<ApiClient.Response> answers = new ArrayList<>(List.of(a.get(), b.get()));
        awaitClosed(id);
        deciding.set(false);
        reader.get();

        answers.sort(Comparator.comparingInt(ApiClient.Response::status));
        assertThat(answers).extracting(ApiClient.Response::status).as("%s: %s", id, answers).containsExactly(200, 409);
        ApiClient.Response lost = answers.get(1);
        assertThat(lost.contentType()).startsWith("application/problem+json");
        assertThat(lost.json().get("reason").asText()).isIn("NotAwaitingApproval", "AlreadyDecided");
        assertThat(badReads).as("reads of %s while it closed", id).isEmpty();

        String winner = answers.get(0).json().get("status").asText();
        JsonNode end = awaitStatus(id, winner);
        Attempt loser = end.at("/approvals/decisions/0/actor").asText().equals(first.actor())
            && end.at("/approvals/decisions/0/decision").asText().equals(first.decision()) ? second : first;
        assertThat(end.at("/approvals/decisions")).hasSize(1);
        assertThat(actors(end.at("/approvals/refused"))).as("refused approvals of %s", id).containsExactly(loser.actor());
        assertThat(refusedIn(api().get(path(id, "/history"), DAVE).json())).as("timeline of %s", id).containsExactly(loser.actor());
        JsonNode exported = api().get("/api/v1/audit/export?plan=" + plan, DAVE).json().get("runs");
        JsonNode run = null;
        for (JsonNode r : exported) {
          run = r.get("id").asText().equals(id) ? r : run;
        }
        assertThat(run).as("%s in the export", id).isNotNull();
        List<String> refusedRows = new ArrayList<>();
        run.get("decisions").forEach(d -> {
          if (d.get("outcome").asText().equals("REFUSED")) {
            refusedRows.add(d.get("actor").asText());
          }
        });
        assertThat(refusedRows).as("refused rows of %s in the export", id).containsExactly(loser.actor());
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private ApiClient.Response decide(CountDownLatch go, String id, Attempt attempt) throws InterruptedException {
    go.await();
    Map<String, String> body = attempt.decision().equals("REJECT")
        ? Map.of("decision", "REJECT", "comment", "not this one") : Map.of("decision", attempt.decision());
    return api().postJson(path(id, "/approvals"), attempt.token(), body);
  }

  private void read(String id, AtomicBoolean deciding, List<String> badReads) {
    while (deciding.get()) {
      for (String suffix : List.of("", "/history", "/report")) {
        ApiClient.Response response = api().get(path(id, suffix), DAVE, Map.of("Accept", "application/json"));
        if (response.status() != 200) {
          badReads.add(suffix + " " + response.status() + " " + response.body());
        }
      }
    }
  }

  private void awaitClosed(String id) {
    Await.until(() -> temporal.newUntypedWorkflowStub(id).describe().getStatus()
        != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, id + " to close");
  }

  private String startAndAwait(String plan, String extra) {
    String id = start(plan, extra);
    awaitStatus(id, "AWAITING_APPROVAL");
    return id;
  }

  private String start(String plan) {
    return start(plan, "");
  }

  private String start(String plan, String extra) {
    String body = """
        releaseCandidate: v1
        plan:
          apiVersion: rehearsal/v1
          name: %s
          environment: staging
        %s  phases:
            smoke: [ { name: check, command: { run: [echo, ok] } } ]
            signoff: { approvers: { required: 1 } }
        """.formatted(plan, extra);
    ApiClient.Response started = api().post("/api/v1/rehearsals", ALICE, "application/yaml", body);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    return started.json().get("id").asText();
  }

  private JsonNode awaitStatus(String id, String status) {
    return Await.value(() -> api().get(path(id, ""), DAVE).json(), s -> s.get("status").asText().equals(status),
        id + " to be " + status);
  }

  private static String path(String id, String suffix) {
    return "/api/v1/rehearsals/" + id + suffix;
  }

  private static List<String> actors(JsonNode records) {
    List<String> actors = new ArrayList<>();
    records.forEach(r -> actors.add(r.get("actor").asText()));
    return actors;
  }

  private static List<String> refusedIn(JsonNode timeline) {
    List<String> actors = new ArrayList<>();
    timeline.forEach(e -> {
      if (e.get("type").asText().equals("APPROVAL_REFUSED")) {
        actors.add(e.get("actor").asText());
      }
    });
    return actors;
  }

  private static List<String> types(JsonNode timeline) {
    List<String> types = new ArrayList<>();
    timeline.forEach(e -> types.add(e.get("type").asText()));
    return types;
  }
}
