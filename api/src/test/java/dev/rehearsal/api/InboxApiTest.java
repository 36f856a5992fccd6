package dev.rehearsal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.testing.Await;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code GET /api/v1/inbox} per user: an approver sees the approvals they may give (not their own runs unless the run
 * allows its initiator, not runs they have decided), an engineer without the APPROVER role sees none, and a decided
 * approval leaves every inbox at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboxApiTest {
  private static final String ALICE = "alice-token"; // ENGINEER
  private static final String BOB = "bob-token"; // APPROVER
  private static final String CAROL = "carol-token"; // APPROVER
  private static final String ERIN = "erin-token"; // ENGINEER, APPROVER
  private static final String DAN = "dan-token"; // APPROVER, group dba
  private static final String DORA = "dora-token"; // APPROVER, group dba
  private static final String QUINN = "quinn-token"; // APPROVER, group qa
  private static final String DEQA = "deqa-token"; // APPROVER, groups dba and qa

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    String data = java.nio.file.Files.createTempDirectory("rehearsal-inbox-test").toString();
    registry.add("rehearsal.data-dir", () -> data);
    registry.add("temporal.local-port", () -> "0");
    registry.add("rehearsal.public-url", () -> "https://rehearsal.example.com/");
    registry.add("rehearsal.policies.environments.sandbox.initiator-may-approve", () -> "true");
    String[][] users = {
        {"alice", "ENGINEER", ALICE, ""}, {"bob", "APPROVER", BOB, ""}, {"carol", "APPROVER", CAROL, ""},
        {"erin", "ENGINEER,APPROVER", ERIN, ""}, {"dan", "APPROVER", DAN, "dba"}, {"dora", "APPROVER", DORA, "dba"},
        {"quinn", "APPROVER", QUINN, "qa"}, {"deqa", "APPROVER", DEQA, "dba,qa"}};
    LocalApp.registerUsers(registry, users);
  }

  private ApiClient api() {
    return new ApiClient(port);
  }

  @Test
  void eachUserSeesTheApprovalsTheyMayGiveNewestFirstUntilDecided() {
    String byAlice = startAndAwaitSignoff(ALICE, "inbox-two", "staging", "{ approvers: { required: 2 } }");
    String byErin = startAndAwaitSignoff(ERIN, "inbox-own", "staging", "{ approvers: { required: 1 } }");
    String byErinAllowed = startAndAwaitSignoff(ERIN, "inbox-own-allowed", "sandbox",
        "{ approvers: { required: 1 }, allowInitiator: true }");

    assertThat(runIds(inbox(ALICE))).as("an engineer approves nothing").isEmpty();
    assertThat(runIds(inbox(BOB))).as("newest first").containsExactly(byErinAllowed, byErin, byAlice);
    assertThat(runIds(inbox(CAROL))).containsExactly(byErinAllowed, byErin, byAlice);
    assertThat(runIds(inbox(ERIN))).as("erin's own run only where it allows its initiator")
        .containsExactly(byErinAllowed, byAlice);

    JsonNode item = item(inbox(BOB), byAlice);
    assertThat(item.get("plan").asText()).isEqualTo("inbox-two");
    assertThat(item.get("environment").asText()).isEqualTo("staging");
    assertThat(item.get("releaseCandidate").asText()).isEqualTo("v1.0.0-inbox-two");
    assertThat(item.get("awaited").asText()).isEqualTo("approval");
    assertThat(item.get("who").asText()).isEqualTo("APPROVER");
    assertThat(item.get("step").isNull()).isTrue();
    assertThat(Instant.parse(item.get("since").asText())).isBefore(Instant.now());
    assertThat(item.get("waitedSeconds").asLong()).isNotNegative();
    assertThat(item.get("link").asText()).isEqualTo("https://rehearsal.example.com/runs/" + byAlice);

    approve(BOB, byAlice);
    assertThat(runIds(inbox(BOB))).as("bob has decided; the run still needs one more").containsExactly(byErinAllowed, byErin);
    assertThat(runIds(inbox(CAROL))).contains(byAlice);

    approve(CAROL, byAlice);
    assertThat(runIds(inbox(CAROL))).as("signed off: gone at once").containsExactly(byErinAllowed, byErin);
    assertThat(runIds(inbox(ERIN))).containsExactly(byErinAllowed);
  }

  @Test
  void approvalItemsSayWhichRulesAreOpenAndReachOnlyThoseWhoseApprovalWouldStillCount() {
    String id = startAndAwaitSignoff(ALICE, "inbox-rules", "staging",
        "{ approvers: [ { group: dba, required: 1 }, { group: qa, required: 1 } ] }");

    assertThat(item(inbox(DAN), id).get("open").toString())
        .isEqualTo("[{\"rule\":\"group:dba\",\"needed\":1},{\"rule\":\"group:qa\",\"needed\":1}]");
    assertThat(item(inbox(DAN), id).get("who").asText()).as("kept for older clients").isEqualTo("APPROVER");
    assertThat(runIds(inbox(BOB))).as("an approver in neither group counts toward no rule").doesNotContain(id);

    approve(DAN, id);
    assertThat(runIds(inbox(DORA))).as("dba is met; another dba member's approval would count for nothing")
        .doesNotContain(id);
    assertThat(item(inbox(QUINN), id).get("open").toString()).isEqualTo("[{\"rule\":\"group:qa\",\"needed\":1}]");
    assertThat(item(inbox(DEQA), id).get("open").toString()).as("in both groups: counts for qa")
        .isEqualTo("[{\"rule\":\"group:qa\",\"needed\":1}]");
    JsonNode approvals = api().get("/api/v1/rehearsals/" + id, ALICE).json().get("approvals");
    assertThat(approvals.get("open").toString()).isEqualTo("[{\"rule\":\"group:qa\",\"needed\":1}]");
    assertThat(approvals.get("approvedBy").get(0).get("name").asText()).isEqualTo("dan");
    assertThat(approvals.get("approvedBy").get(0).get("groups").toString()).isEqualTo("[\"dba\"]");

    approve(QUINN, id);
    assertThat(runIds(inbox(DEQA))).as("signed off").doesNotContain(id);
    assertThat(api().get("/api/v1/rehearsals/" + id, ALICE).json().get("status").asText()).isEqualTo("SUCCEEDED");
  }

  private String startAndAwaitSignoff(String token, String plan, String environment, String signoff) {
    String body = """
        releaseCandidate: %s
        plan:
          apiVersion: rehearsal/v1
          name: %s
          environment: %s
          phases:
            smoke: [ { name: ok, command: { run: [echo, fine] } } ]
            signoff: %s
        """.formatted("v1.0.0-" + plan, plan, environment, signoff);
    ApiClient.Response started = api().post("/api/v1/rehearsals", token, "application/yaml", body);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().get("id").asText();
    Await.value(() -> api().get("/api/v1/rehearsals/" + id, ALICE).json(),
        s -> s.get("status").asText().equals("AWAITING_APPROVAL"), "sign-off of " + id);
    return id;
  }

  private void approve(String token, String id) {
    ApiClient.Response approved = api().postJson("/api/v1/rehearsals/" + id + "/approvals", token,
        Map.of("decision", "APPROVE", "comment", "fine"));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
  }

  private JsonNode inbox(String token) {
    ApiClient.Response inbox = api().get("/api/v1/inbox", token);
    assertThat(inbox.status()).as(inbox.body()).isEqualTo(200);
    return inbox.json().get("items");
  }

  private static JsonNode item(JsonNode items, String runId) {
    for (JsonNode item : items) {
      if (item.get("runId").asText().equals(runId)) {
        return item;
      }
    }
    throw new AssertionError(runId + " not in " + items);
  }

  private static List<String> runIds(JsonNode items) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(item.get("runId").asText()));
    return ids;
  }
}
