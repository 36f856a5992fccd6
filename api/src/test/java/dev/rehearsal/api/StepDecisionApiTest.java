package dev.rehearsal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Guided failure through the API: {@code POST /api/v1/rehearsals/{id}/steps/{step}/decision} for each role, each
 * refusal (403/409/400 problem+json with a reason, recorded for auditors), and the decision in the state, the
 * timeline, the report and the export, always under the caller's authenticated name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StepDecisionApiTest {
  private static final String ALICE = LocalApp.ALICE;
  private static final String BOB = LocalApp.BOB;
  private static final String DAVE = LocalApp.DAVE;
  private static Path work;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    String data = Files.createTempDirectory("rehearsal-decision-test").toString();
    work = LocalApp.stepWorkDir("rehearsal-decision-work");
    registry.add("rehearsal.data-dir", () -> data);
    registry.add("temporal.local-port", () -> "0");
    LocalApp.registerUsers(registry);
  }

  @Test
  void anEngineerRetriesTheFailedRestoreAndEveryRefusalIsAnsweredAndRecorded() throws Exception {
    ApiClient api = new ApiClient(port);
    Path fixed = work.resolve("retry-fixed");
    String id = startWaiting(api, "retry-plan", fixed);
    JsonNode waiting = api.get("/api/v1/rehearsals/" + id, DAVE).json();
    assertThat(waiting.get("status").asText()).isEqualTo("RUNNING");
    assertThat(waiting.at("/waitingFor/kind").asText()).isEqualTo("decision");
    assertThat(waiting.at("/waitingFor/step").asText()).isEqualTo("restore");
    assertThat(waiting.at("/waitingFor/who").asText()).isEqualTo("ENGINEER");
    assertThat(waiting.at("/steps/1/status").asText()).isEqualTo("WAITING");

    assertRefused(decide(api, id, "restore", BOB, "{\"action\": \"retry\"}"), 403, "NotEngineer");
    assertRefused(decide(api, id, "restore", DAVE, "{\"action\": \"retry\"}"), 403, "NotEngineer");
    assertRefused(decide(api, id, "restore", ALICE, "{\"action\": \"skip\"}"), 400, "InvalidDecision");
    assertRefused(decide(api, id, "snapshot", ALICE, "{\"action\": \"retry\"}"), 409, "StepNotWaiting");
    ApiClient.Response unknown = decide(api, id, "restore", ALICE, "{\"action\": \"ignore\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.json().get("detail").asText()).contains("retry, skip, rollback or abort");
    assertThat(decide(api, id, "restore", null, "{\"action\": \"retry\"}").status()).isEqualTo(401);

    Files.writeString(fixed, "granted");
    ApiClient.Response retried = decide(api, id, "restore", ALICE,
        "{\"action\": \"retry\", \"reason\": \"granted restore to the role\", \"actor\": \"mallory\"}");
    assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    assertThat(retried.json().get("actor").asText()).as("the authenticated caller, never the body").isEqualTo("alice");
    assertThat(retried.json().get("action").asText()).isEqualTo("retry");

    JsonNode signoff = Await.value(() -> api.get("/api/v1/rehearsals/" + id, DAVE).json(),
        s -> s.get("status").asText().equals("AWAITING_APPROVAL"), id + " to await approval");
    assertThat(signoff.at("/steps/0/attempts").asInt()).as("the snapshot ran once").isEqualTo(1);
    assertThat(signoff.at("/steps/1/status").asText()).isEqualTo("SUCCEEDED");
    assertThat(Files.readAllLines(work.resolve("retry-plan.log"))).containsExactly("snapshot", "restore");
    assertRefused(decide(api, id, "restore", ALICE, "{\"action\": \"retry\"}"), 409, "NotWaitingForDecision");

    JsonNode decisions = api.get("/api/v1/rehearsals/" + id, DAVE).json().get("failureDecisions");
    assertThat(decisions.at("/decisions/0/actor").asText()).isEqualTo("alice");
    assertThat(decisions.at("/decisions/0/reason").asText()).isEqualTo("granted restore to the role");
    assertThat(decisions.at("/decisions/0/at").asText()).isNotBlank();
    assertThat(texts(decisions.get("refused"), "actor")).containsExactly("bob", "dave", "alice", "alice", "alice");
    assertThat(texts(decisions.get("refused"), "reason")).allSatisfy(r -> assertThat(r).isNotBlank());

    JsonNode timeline = api.get("/api/v1/rehearsals/" + id + "/history", DAVE).json();
    List<String> types = texts(timeline, "type");
    assertThat(types).contains("DECISION_AWAITED", "STEP_DECIDED", "DECISION_REFUSED", "AWAITING_APPROVAL");
    JsonNode decided = find(timeline, "STEP_DECIDED");
    assertThat(decided.get("actor").asText()).isEqualTo("alice");
    assertThat(decided.get("step").asText()).isEqualTo("restore");
    assertThat(decided.at("/detail/action").asText()).isEqualTo("retry");
    assertThat(types.stream().filter("DECISION_REFUSED"::equals).count()).isEqualTo(5);

    String report = api.get("/api/v1/rehearsals/" + id + "/report", DAVE, Map.of("Accept", "text/markdown")).body();
    assertThat(report).contains("## Decisions on failed steps").contains("retry on step restore by alice")
        .contains("granted restore to the role").contains("refused: retry on step restore by bob");
    String html = api.get("/api/v1/rehearsals/" + id + "/report", DAVE, Map.of("Accept", "text/html")).body();
    assertThat(html).contains("Decisions on failed steps").contains("retry on step restore by alice");
    String csv = api.get("/api/v1/audit/export?format=csv&plan=retry-plan", DAVE).body();
    assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",refusal_reason,attachments,step");
    assertThat(csv).contains("RETRY,ACCEPTED,alice").contains("REFUSED,bob");
    assertThat(csv.lines().filter(l -> l.contains("RETRY,ACCEPTED,alice"))).allSatisfy(l -> assertThat(l).endsWith(",restore"));

    api.postJson("/api/v1/rehearsals/" + id + "/cancel", ALICE, Map.of("reason", "done"));
  }

  @Test
  void aDecisionOnAClosedRunIsRefusedAndStillRecorded() throws Exception {
    ApiClient api = new ApiClient(port);
    String id = startWaiting(api, "abort-plan", work.resolve("never-fixed"));

    ApiClient.Response aborted = decide(api, id, "restore", ALICE, "{\"action\": \"abort\", \"reason\": \"wrong candidate\"}");
    assertThat(aborted.status()).as(aborted.body()).isEqualTo(200);
    JsonNode end = Await.value(() -> api.get("/api/v1/rehearsals/" + id, DAVE).json(),
        s -> s.get("status").asText().equals("CANCELLED"), id + " to end cancelled");
    assertThat(end.at("/cancellation/actor").asText()).isEqualTo("alice");
    // Refused as not waiting until the workflow has closed, then as closed: recorded in the refusal log.
    ApiClient.Response late = Await.value(() -> decide(api, id, "restore", ALICE, "{\"action\": \"retry\"}"),
        r -> r.body().contains("the run is closed"), id + " to close");
    assertRefused(late, 409, "NotWaitingForDecision");

    JsonNode closed = api.get("/api/v1/rehearsals/" + id, DAVE).json();
    assertThat(texts(closed.at("/failureDecisions/refused"), "reason")).anySatisfy(r -> assertThat(r).contains("closed"));
    assertThat(texts(api.get("/api/v1/rehearsals/" + id + "/history", DAVE).json(), "type")).contains("DECISION_REFUSED");
  }

  private String startWaiting(ApiClient api, String plan, Path fixed) {
    return LocalApp.startAndAwaitDecision(api, plan, work.resolve(plan + ".log"), fixed);
  }

  private static ApiClient.Response decide(ApiClient api, String id, String step, String token, String body) {
    return api.post("/api/v1/rehearsals/" + id + "/steps/" + step + "/decision", token, "application/json", body);
  }

  private static void assertRefused(ApiClient.Response response, int status, String reason) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("reason").asText()).isEqualTo(reason);
    assertThat(response.json().get("detail").asText()).isNotBlank();
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.path(field).asText()));
    return values;
  }

  private static JsonNode find(JsonNode timeline, String type) {
    for (JsonNode entry : timeline) {
      if (entry.get("type").asText().equals(type)) {
        return entry;
      }
    }
    throw new AssertionError("no " + type + " in " + timeline);
  }
}
