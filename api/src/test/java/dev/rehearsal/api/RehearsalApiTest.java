package dev.rehearsal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.HttpTarget;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.temporal.client.WorkflowClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The all-in-one app in local mode (embedded port-bound Temporal), driven over real HTTP as users would. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RehearsalApiTest {
  private static final String ALICE = "alice-token";
  private static final String BOB = "bob-token";
  private static final String CAROL = "carol-token";
  private static final String DAVE = "dave-token";
  private static final String ERIN = "erin-token";

  private static Path dataDir;
  private static HttpTarget app;

  @LocalServerPort int port;
  @Autowired WorkflowClient temporal;

  @BeforeAll
  static void target() {
    app = new HttpTarget();
  }

  @AfterAll
  static void stopTarget() {
    app.close();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    dataDir = Files.createTempDirectory("rehearsal-api-test");
    registry.add("rehearsal.data-dir", dataDir::toString);
    registry.add("temporal.local-port", () -> "0");
    String[][] users = {
        {"alice", "ENGINEER", ALICE}, {"bob", "APPROVER,AUDITOR", "sha256:" + sha256(BOB)},
        {"carol", "APPROVER", CAROL}, {"dave", "AUDITOR", DAVE}, {"erin", "ENGINEER,APPROVER", ERIN}};
    for (int i = 0; i < users.length; i++) {
      String prefix = "rehearsal.security.users[" + i + "].";
      String[] u = users[i];
      registry.add(prefix + "name", () -> u[0]);
      registry.add(prefix + "roles", () -> u[1]);
      registry.add(prefix + "token", () -> u[2]);
    }
  }

  private ApiClient api() {
    return new ApiClient(port);
  }

  @Test
  void walkThroughStartWatchApproveAudit() throws Exception {
    String body = startBody("walk-through", "v2.0.0", """
          preflight:
            - { name: announce, command: { run: [echo, "rehearsing ${parameters.releaseCandidate}"] } }
          smoke:
            - { name: health, http: { target: app, path: /api/health, expect: { json: { "/success": true } } } }
          rollback:
            - { name: smoke-again, rerun: smoke }
          signoff: { approvers: { required: 1 } }
        """);
    assertThat(api().post("/api/v1/plans/validate", ALICE, "application/yaml", body).json().get("valid").asBoolean()).isTrue();

    ApiClient.Response started = api().post("/api/v1/rehearsals", ALICE, "application/yaml", body);
    assertThat(started.status()).isEqualTo(201);
    String id = started.json().get("id").asText();

    JsonNode state = awaitState(id, s -> s.get("status").asText().equals("AWAITING_APPROVAL"));
    assertThat(state.get("initiator").asText()).isEqualTo("alice");
    assertThat(state.get("releaseCandidate").asText()).isEqualTo("v2.0.0");
    assertThat(names(state.get("steps"))).containsExactly("announce", "health", "smoke-again:health");
    JsonNode announce = state.get("steps").get(0);
    assertThat(announce.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(announce.get("summary").asText()).contains("rehearsing v2.0.0");
    JsonNode stdout = announce.get("evidence").get(0);
    ApiClient.Response artifact = api().get("/api/v1/rehearsals/" + id + "/evidence/" + stdout.get("name").asText(), ALICE);
    assertThat(artifact.status()).isEqualTo(200);
    assertThat(sha256(artifact.body())).isEqualTo(stdout.get("sha256").asText());

    ApiClient.Response approved = api().postJson("/api/v1/rehearsals/" + id + "/approvals", BOB,
        Map.of("decision", "APPROVE", "comment", "ship it"));
    assertThat(approved.status()).isEqualTo(200);
    assertThat(approved.json().get("status").asText()).isEqualTo("SUCCEEDED");
    JsonNode done = awaitState(id, s -> s.get("status").asText().equals("SUCCEEDED"));
    assertThat(done.get("approvals").get("decisions").get(0).get("actor").asText()).isEqualTo("bob");

    JsonNode history = api().get("/api/v1/rehearsals/" + id + "/history", BOB).json();
    assertThat(types(history)).startsWith("RUN_STARTED").contains("STEP_STARTED", "STEP_SUCCEEDED", "AWAITING_APPROVAL", "APPROVED")
        .endsWith("RUN_FINISHED");
    assertThat(entry(history, "RUN_STARTED").get("actor").asText()).isEqualTo("alice");
    assertThat(entry(history, "RUN_STARTED").get("detail").get("releaseCandidate").asText()).isEqualTo("v2.0.0");
    assertThat(entry(history, "APPROVED").get("actor").asText()).isEqualTo("bob");
    assertThat(entry(history, "APPROVED").get("detail").get("comment").asText()).isEqualTo("ship it");

    ApiClient.Response raw = api().get("/api/v1/rehearsals/" + id + "/history?format=temporal", DAVE);
    assertThat(raw.status()).isEqualTo(200);
    WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(raw.body()), RehearsalWorkflowImpl.class);

    JsonNode list = api().get("/api/v1/rehearsals?status=SUCCEEDED&plan=walk-through", DAVE).json();
    assertThat(list.get("items")).anySatisfy(run -> assertThat(run.get("id").asText()).isEqualTo(id));
    assertThat(api().get("/api/v1/rehearsals?plan=walk-through&status=FAILED", DAVE).json().get("items")).isEmpty();
  }

  @Test
  void theReportReadsAsJsonMarkdownAndHtmlWithTheSignOffBlock() {
    String id = startAndAwait(ALICE, startBody("reported", "v3.1.0", """
          smoke:
            - { name: health, http: { target: app, path: /api/health } }
          signoff: {}
        """));
    String digest = api().get("/api/v1/rehearsals/" + id, DAVE).json().get("evidenceDigest").asText();
    ApiClient.Response approved = api().postJson("/api/v1/rehearsals/" + id + "/approvals", BOB,
        Map.of("decision", "APPROVE", "comment", "smoke fine <script>alert(1)</script>", "evidenceDigest", digest));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    awaitState(id, s -> s.get("status").asText().equals("SUCCEEDED"));
    String report = "/api/v1/rehearsals/" + id + "/report";

    JsonNode json = api().get(report, DAVE, Map.of("Accept", "application/json")).json();
    assertThat(json.at("/signOff/releaseCandidate").asText()).isEqualTo("v3.1.0");
    assertThat(json.at("/signOff/operator").asText()).isEqualTo("alice");
    assertThat(json.at("/signOff/approvedBy/0").asText()).isEqualTo("bob");
    assertThat(json.at("/steps/0/evidence/0/href").asText()).startsWith("/api/v1/rehearsals/" + id + "/evidence/health.a1.");
    assertThat(json.at("/approvals/0/evidenceDigest").asText()).isEqualTo(digest);
    assertThat(json.get("readiness").asText()).as("no gates").isEqualTo("NOT_ASSESSED");

    ApiClient.Response markdown = api().get(report, DAVE, Map.of("Accept", "text/markdown"));
    assertThat(markdown.contentType()).startsWith("text/markdown");
    assertThat(markdown.body()).contains("## Steps", "| health | SMOKE | SUCCEEDED | 1 |", "## Sign-off",
        "| Release candidate | v3.1.0 |", "| Operator | alice |", "| Approved by | bob |", " UTC |",
        "| Readiness | NOT_ASSESSED |");

    ApiClient.Response html = api().get(report, DAVE, Map.of("Accept", "text/html"));
    assertThat(html.contentType()).startsWith("text/html");
    assertThat(html.body()).startsWith("<!DOCTYPE html>").contains("<h2>Sign-off</h2>", "v3.1.0", "&lt;script&gt;alert(1)",
        "<span class=\"NOT_ASSESSED\">NOT_ASSESSED</span>")
        .doesNotContain("<script>alert(1)");
    assertThat(api().get("/api/v1/rehearsals/rh-nope/report", DAVE).status()).isEqualTo(404);
  }

  @Test
  void callersWithoutAKnownTokenGet401AsProblemDetails() {
    for (String token : new String[] {null, "not-a-token"}) {
      ApiClient.Response response = api().get("/api/v1/rehearsals", token);
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.json().get("title").asText()).isEqualTo("Authentication required");
    }
    assertThat(api().get("/actuator/health/readiness", null).status()).isEqualTo(200);
  }

  @Test
  void rolesAreEnforcedAndARefusedApprovalIsRecorded() {
    assertThat(api().post("/api/v1/rehearsals", DAVE, "application/yaml", startBody("roles", "v1", "  signoff: {}\n")).status())
        .isEqualTo(403);
    String id = startAndAwait(ALICE, startBody("roles", "v1", "  signoff: {}\n"));
    assertThat(api().get("/api/v1/rehearsals/" + id + "/history", ALICE).status()).isEqualTo(403);
    assertThat(api().get("/api/v1/rehearsals/" + id, DAVE).status()).isEqualTo(200);

    ApiClient.Response byEngineer = api().postJson("/api/v1/rehearsals/" + id + "/approvals", ALICE, Map.of("decision", "APPROVE"));
    assertThat(byEngineer.status()).isEqualTo(403);
    assertThat(byEngineer.contentType()).startsWith("application/problem+json");

    JsonNode history = api().get("/api/v1/rehearsals/" + id + "/history", DAVE).json();
    JsonNode refused = entry(history, "APPROVAL_REFUSED");
    assertThat(refused.get("actor").asText()).isEqualTo("alice");
    assertThat(refused.get("detail").get("reason").asText()).contains("APPROVER");
  }

  @Test
  void theInitiatorCannotApproveAndNobodyDecidesTwice() {
    String id = startAndAwait(ERIN, startBody("quorum", "v1", "  signoff: { approvers: { required: 2 } }\n"));

    ApiClient.Response own = api().postJson("/api/v1/rehearsals/" + id + "/approvals", ERIN, Map.of("decision", "APPROVE"));
    assertThat(own.status()).isEqualTo(403);
    assertThat(own.json().get("reason").asText()).isEqualTo("InitiatorMayNotApprove");

    assertThat(api().postJson("/api/v1/rehearsals/" + id + "/approvals", BOB, Map.of("decision", "APPROVE")).status()).isEqualTo(200);
    ApiClient.Response twice = api().postJson("/api/v1/rehearsals/" + id + "/approvals", BOB, Map.of("decision", "APPROVE"));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().get("detail").asText()).contains("already decided");

    ApiClient.Response second = api().postJson("/api/v1/rehearsals/" + id + "/approvals", CAROL, Map.of("decision", "APPROVE"));
    assertThat(second.json().get("status").asText()).isEqualTo("SUCCEEDED");
    ApiClient.Response late = api().postJson("/api/v1/rehearsals/" + id + "/approvals", CAROL, Map.of("decision", "REJECT", "comment", "late"));
    assertThat(late.status()).isEqualTo(409);

    JsonNode history = awaitHistory(id, h -> types(h).contains("RUN_FINISHED"));
    List<String> refusedBy = new ArrayList<>();
    history.forEach(e -> {
      if (e.get("type").asText().equals("APPROVAL_REFUSED")) {
        refusedBy.add(e.get("actor").asText() + ": " + e.get("detail").get("reason").asText());
      }
    });
    assertThat(refusedBy).hasSize(3).startsWith("erin: erin started this run and may not sign it off",
        "bob: bob has already decided on this run");
    // Refused by the run itself while it still tells its archiver, or by the API once it has closed: either is recorded.
    assertThat(refusedBy.get(2)).isIn("carol: the run is closed", "carol: the run is SUCCEEDED, not awaiting approval");
    assertThat(types(history)).filteredOn("APPROVED"::equals).hasSize(2);
  }

  @Test
  void unknownRunsAre404() {
    assertThat(api().get("/api/v1/rehearsals/rh-nope", DAVE).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/rehearsals/rh-nope/history", DAVE).status()).isEqualTo(404);
    assertThat(api().postJson("/api/v1/rehearsals/rh-nope/approvals", BOB, Map.of("decision", "APPROVE")).status()).isEqualTo(404);
    assertThat(api().postJson("/api/v1/rehearsals/rh-nope/cancel", ALICE, Map.of("reason", "x")).status()).isEqualTo(404);
    ApiClient.Response evidence = api().get("/api/v1/rehearsals/rh-nope/evidence/x.log", DAVE);
    assertThat(evidence.status()).isEqualTo(404);
    assertThat(evidence.contentType()).startsWith("application/problem+json");
  }

  @Test
  void anInvalidPlanIsRefusedWithEveryProblemAndStartsNothing() {
    int before = api().get("/api/v1/rehearsals?limit=200", DAVE).json().get("items").size();
    String body = """
        {"releaseCandidate": "v1", "plan": {
          "apiVersion": "rehearsal/v1", "name": "bad", "environment": "staging",
          "targets": {"prod-db": {"postgres": {"url": "postgresql://app@prod-db:5432/shop"}}},
          "phases": {
            "migrate": [{"name": "m", "command": {"run": ["true"], "timeout": "soon", "writes": ["prod-db"]}}],
            "smoke": [{"name": "m", "teleport": {}}, {"name": "h", "http": {"target": "nowhere"}}]
          }}}""";
    ApiClient.Response response = api().post("/api/v1/rehearsals", ALICE, "application/json", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    List<String> paths = new ArrayList<>();
    response.json().get("problems").forEach(p -> paths.add(p.get("path").asText()));
    assertThat(paths).contains("phases.signoff", "phases.migrate[0].command.timeout", "phases.migrate[0].command.writes[0]",
        "phases.smoke[0].name", "phases.smoke[0].teleport", "phases.smoke[1].http.target");
    assertThat(api().post("/api/v1/plans/validate", ALICE, "application/json", body).status()).isEqualTo(400);
    assertThat(api().get("/api/v1/rehearsals?limit=200", DAVE).json().get("items").size()).isEqualTo(before);

    assertThat(api().post("/api/v1/rehearsals", ALICE, "application/json", "{not json").status()).isEqualTo(400);
    ApiClient.Response noRc = api().post("/api/v1/rehearsals", ALICE, "application/yaml",
        startBody("x", "v1", "  signoff: {}\n").replace("releaseCandidate: v1", ""));
    assertThat(noRc.status()).isEqualTo(400);
    assertThat(noRc.json().get("problems").get(0).get("path").asText()).isEqualTo("releaseCandidate");
  }

  @Test
  void aPlanMisusingOutputsIsRefusedWithEveryPathAndStartsNothing() {
    int before = api().get("/api/v1/rehearsals?limit=200", DAVE).json().get("items").size();
    String body = """
        {"releaseCandidate": "v1", "plan": {
          "apiVersion": "rehearsal/v1", "name": "bad-outputs", "environment": "staging",
          "targets": {"app": {"http": {"baseUrl": "http://127.0.0.1:9"}}},
          "phases": {
            "preflight": [{"name": "login", "http": {"target": "app", "path": "/login"},
                           "outputs": {"token": {"json": "/token", "header": "X-T"}, "line": {"regex": "x=(\\\\d+)"}}},
                          {"name": "run", "command": {"run": ["echo", "${steps.login.outputs.nope}"]},
                           "outputs": {"v": {"regex": "("}, "w": {"json": "no-slash"}}}],
            "smoke": [{"name": "call", "http": {"target": "app", "path": "/x/${steps.later.outputs.v}",
                       "headers": {"A": "${steps.ghost.outputs.v}"}}},
                      {"name": "later", "command": {"run": ["true"]}, "outputs": {"v": {"regex": "(.*)"}}}],
            "signoff": {}
          }}}""";
    ApiClient.Response response = api().post("/api/v1/rehearsals", ALICE, "application/json", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    List<String> paths = new ArrayList<>();
    response.json().get("problems").forEach(p -> paths.add(p.get("path").asText()));
    assertThat(paths).containsExactlyInAnyOrder("phases.preflight[0].outputs.token", "phases.preflight[0].outputs.line.regex",
        "phases.preflight[1].command.run[1]", "phases.preflight[1].outputs.v.regex", "phases.preflight[1].outputs.w.json",
        "phases.smoke[0].http.path", "phases.smoke[0].http.headers.A");
    assertThat(api().get("/api/v1/rehearsals?limit=200", DAVE).json().get("items").size()).isEqualTo(before);
  }

  @Test
  void anIdempotencyKeyMakesARepeatedStartReturnTheSameRun() {
    String body = startBody("idem", "v1", "  signoff: {}\n");
    ApiClient.Response first = api().post("/api/v1/rehearsals", ALICE, "application/yaml", body, Map.of("Idempotency-Key", "deploy-42"));
    ApiClient.Response again = api().post("/api/v1/rehearsals", ALICE, "application/yaml", body, Map.of("Idempotency-Key", "deploy-42"));
    ApiClient.Response other = api().post("/api/v1/rehearsals", ALICE, "application/yaml", body, Map.of("Idempotency-Key", "deploy-43"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
    assertThat(other.json().get("id").asText()).isNotEqualTo(first.json().get("id").asText());
    long listed = count(api().get("/api/v1/rehearsals?plan=idem", DAVE).json().get("items"), first.json().get("id").asText());
    assertThat(listed).isEqualTo(1);
  }

  @Test
  void anIdempotencyKeyReusedForADifferentRequestIsAConflictAndStartsNothing() {
    String body = startBody("idem-other", "v1", "  signoff: {}\n");
    ApiClient.Response first = api().post("/api/v1/rehearsals", ALICE, "application/yaml", body, Map.of("Idempotency-Key", "tag-v1"));
    int listed = api().get("/api/v1/rehearsals?limit=200", DAVE).json().get("items").size();

    ApiClient.Response otherRc = api().post("/api/v1/rehearsals", ALICE, "application/yaml",
        startBody("idem-other", "v2", "  signoff: {}\n"), Map.of("Idempotency-Key", "tag-v1"));
    ApiClient.Response otherPlan = api().post("/api/v1/rehearsals", ALICE, "application/yaml",
        startBody("idem-changed", "v1", "  signoff: {}\n"), Map.of("Idempotency-Key", "tag-v1"));
    ApiClient.Response same = api().post("/api/v1/rehearsals", ALICE, "application/yaml", body, Map.of("Idempotency-Key", "tag-v1"));

    assertThat(first.status()).isEqualTo(201);
    for (ApiClient.Response refused : List.of(otherRc, otherPlan)) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(409);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.json().get("detail").asText())
          .startsWith("idempotency key tag-v1 was used for a different request (plan idem-other, rc v1)");
    }
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
    assertThat(api().get("/api/v1/rehearsals?limit=200", DAVE).json().get("items").size()).as("nothing started").isEqualTo(listed);
    assertThat(api().get("/api/v1/rehearsals/" + first.json().get("id").asText(), DAVE).json().get("releaseCandidate").asText())
        .isEqualTo("v1");
  }

  @Test
  void cancellingStopsTheRunAndIsRecordedWithActorAndReason() {
    String id = api().post("/api/v1/rehearsals", ALICE, "application/yaml", startBody("cancel", "v1", """
          migrate:
            - { name: slow, command: { run: [sleep, "60"] } }
          signoff: {}
        """)).json().get("id").asText();
    awaitState(id, s -> s.get("steps").get(0).get("status").asText().equals("RUNNING"));
    ApiClient.Response early = api().postJson("/api/v1/rehearsals/" + id + "/approvals", BOB, Map.of("decision", "APPROVE"));
    assertThat(early.status()).isEqualTo(409);

    assertThat(api().postJson("/api/v1/rehearsals/" + id + "/cancel", ALICE, Map.of("reason", "wrong RC")).status()).isEqualTo(202);
    JsonNode end = awaitState(id, s -> s.get("status").asText().equals("CANCELLED"));
    assertThat(end.get("cancellation").get("actor").asText()).isEqualTo("alice");
    assertThat(api().postJson("/api/v1/rehearsals/" + id + "/cancel", ALICE, Map.of("reason", "again")).status()).isEqualTo(409);

    JsonNode cancel = entry(api().get("/api/v1/rehearsals/" + id + "/history", DAVE).json(), "CANCEL_REQUESTED");
    assertThat(cancel.get("actor").asText()).isEqualTo("alice");
    assertThat(cancel.get("detail").get("reason").asText()).isEqualTo("wrong RC");
  }

  @Test
  void listingPagesNewestFirstWithACursor() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(api().post("/api/v1/rehearsals", ALICE, "application/yaml", startBody("paging", "v" + i, "  signoff: {}\n"))
          .json().get("id").asText());
    }
    JsonNode first = api().get("/api/v1/rehearsals?plan=paging&limit=2", DAVE).json();
    assertThat(names(first.get("items"), "id")).containsExactly(ids.get(2), ids.get(1));
    JsonNode second = api().get("/api/v1/rehearsals?plan=paging&limit=2&cursor=" + first.get("nextCursor").asText(), DAVE).json();
    assertThat(names(second.get("items"), "id")).containsExactly(ids.get(0));
    assertThat(second.get("nextCursor").isNull()).isTrue();
    assertThat(api().get("/api/v1/rehearsals?releaseCandidate=v1&plan=paging", DAVE).json().get("items")).hasSize(1);
    assertThat(api().get("/api/v1/rehearsals?status=BOGUS", DAVE).status()).isEqualTo(400);
  }

  @Test
  void aRunTerminatedFromOutsideReadsAsFailedWithTheTerminationInItsTimeline() {
    String id = startAndAwait(ALICE, startBody("terminated", "v1", "  signoff: {}\n"));
    temporal.newUntypedWorkflowStub(id).terminate("stuck run cleared by ops");

    ApiClient.Response state = api().get("/api/v1/rehearsals/" + id, DAVE);
    assertThat(state.status()).isEqualTo(200);
    assertThat(state.json().get("status").asText()).isEqualTo("FAILED");
    JsonNode terminated = entry(api().get("/api/v1/rehearsals/" + id + "/history", DAVE).json(), "RUN_TERMINATED");
    assertThat(terminated.get("detail").get("reason").asText()).isEqualTo("stuck run cleared by ops");
  }

  private String startAndAwait(String token, String body) {
    ApiClient.Response started = api().post("/api/v1/rehearsals", token, "application/yaml", body);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().get("id").asText();
    awaitState(id, s -> s.get("status").asText().equals("AWAITING_APPROVAL"));
    return id;
  }

  private static String startBody(String plan, String rc, String phases) {
    return """
        releaseCandidate: %s
        plan:
          apiVersion: rehearsal/v1
          name: %s
          environment: staging
          targets:
            app: { http: { baseUrl: "%s" } }
          phases:
        %s""".formatted(rc, plan, app.baseUrl(), phases.indent(2));
  }

  private JsonNode awaitState(String id, Predicate<JsonNode> done) {
    return Await.value(() -> api().get("/api/v1/rehearsals/" + id, DAVE).json(), done, "the state of " + id);
  }

  private JsonNode awaitHistory(String id, Predicate<JsonNode> done) {
    return Await.value(() -> api().get("/api/v1/rehearsals/" + id + "/history", DAVE).json(), done, "the history of " + id);
  }


  private static List<String> names(JsonNode items) {
    return names(items, "name");
  }

  private static List<String> names(JsonNode items, String field) {
    List<String> names = new ArrayList<>();
    items.forEach(i -> names.add(i.get(field).asText()));
    return names;
  }

  private static List<String> types(JsonNode history) {
    return names(history, "type");
  }

  private static JsonNode entry(JsonNode history, String type) {
    for (JsonNode e : history) {
      if (e.get("type").asText().equals(type)) {
        return e;
      }
    }
    throw new AssertionError("no " + type + " in " + history);
  }

  private static long count(JsonNode items, String id) {
    return names(items, "id").stream().filter(id::equals).count();
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
