package dev.rehearsal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Nobody can wedge an open run by flooding it with refused attempts (hostile-14 finding 1): a step the run does not
 * have is 404 and recorded nowhere, recorded text is capped, the run keeps at most 100 refusals (the rest go to the
 * refusal log, which auditors see with the run), and a caller refused too often on a run gets 429 with Retry-After.
 * The run still answers, can be decided and signed off, and every recorded refusal is visible to an auditor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RefusalFloodApiTest {
  private static final String ALICE = LocalApp.ALICE;
  private static final String BOB = LocalApp.BOB;
  private static final String DAVE = LocalApp.DAVE;
  private static final String LONG = "Z".repeat(3990);
  private static Path work;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    String data = Files.createTempDirectory("rehearsal-flood-test").toString();
    work = LocalApp.stepWorkDir("rehearsal-flood-work");
    registry.add("rehearsal.data-dir", () -> data);
    registry.add("temporal.local-port", () -> "0");
    registry.add("rehearsal.refusals.per-minute", () -> "150");
    LocalApp.registerUsers(registry);
  }

  @Test
  void aFloodOfRefusalsLeavesTheRunAnsweringDecidableAndEveryRefusalVisible() throws Exception {
    ApiClient api = new ApiClient(port);
    Path fixed = work.resolve("fixed");
    String id = LocalApp.startAndAwaitDecision(api, "flood-plan", work.resolve("flood-plan.log"), fixed);

    ApiClient.Response plain = api.post(decision(id, "restore"), ALICE, "text/plain", "{\"action\": \"retry\"}");
    assertThat(plain.status()).as(plain.body()).isEqualTo(415);
    assertThat(plain.contentType()).startsWith("application/problem+json");
    ApiClient.Response unknown = api.post(decision(id, "nosuch"), ALICE, "application/json", "{\"action\": \"retry\"}");
    assertThat(unknown.status()).as("a step the plan does not have, as for completions").isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");

    String reason = "{\"action\": \"retry\", \"reason\": \"" + "R".repeat(3990) + "\"}";
    for (int i = 0; i < 100; i++) {
      ApiClient.Response made = api.post(decision(id, LONG + i), DAVE, "application/json", reason);
      assertThat(made.status()).as("a made-up 4000-character step").isEqualTo(404);
      assertThat(made.json().get("detail").asText().length()).as("the answer repeats the name cut short").isLessThan(300);
    }
    List<Integer> auditor = new ArrayList<>();
    HttpResponse<String> limited = null;
    for (int i = 0; i < 100; i++) {
      HttpResponse<String> answer = post(decision(id, "restore"), DAVE, reason);
      auditor.add(answer.statusCode());
      limited = answer.statusCode() == 429 ? answer : limited;
    }
    assertThat(auditor.subList(0, 50)).as("refused as no ENGINEER until the rate is spent").containsOnly(403);
    assertThat(auditor.subList(50, 100)).as("then too many refusals").containsOnly(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 60L));
    assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    for (int i = 0; i < 100; i++) {
      assertThat(api.post(decision(id, "snapshot"), ALICE, "application/json", reason).status()).isEqualTo(409);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(api.postJson("/api/v1/rehearsals/" + id + "/approvals", BOB, Map.of("decision", "APPROVE", "comment", "x"))
          .status()).isEqualTo(409);
    }

    ApiClient.Response answered = api.get("/api/v1/rehearsals/" + id, DAVE);
    assertThat(answered.status()).as("the run still answers").isEqualTo(200);
    assertThat(answered.body().length()).as("and its state stays small").isLessThan(300_000);
    JsonNode state = answered.json();
    assertThat(state.at("/failureDecisions/refused").size()).as("every recorded decision refusal, kept or logged").isEqualTo(150);
    assertThat(state.at("/approvals/refused").size()).isEqualTo(5);
    state.at("/failureDecisions/refused").forEach(r -> {
      assertThat(r.get("reason").asText().length()).isLessThanOrEqualTo(600);
      assertThat(r.get("step").asText()).isIn("restore", "snapshot");
    });

    Files.writeString(fixed, "granted");
    ApiClient.Response retried = api.post(decision(id, "restore"), ALICE, "application/json",
        "{\"action\": \"retry\", \"reason\": \"granted\"}");
    assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    JsonNode signoff = Await.value(() -> api.get("/api/v1/rehearsals/" + id, DAVE).json(),
        s -> s.get("status").asText().equals("AWAITING_APPROVAL"), id + " to await approval");
    ApiClient.Response approved = api.postJson("/api/v1/rehearsals/" + id + "/approvals", BOB, Map.of("decision", "APPROVE",
        "comment", "ok", "evidenceDigest", signoff.get("evidenceDigest").asText()));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    JsonNode end = Await.value(() -> api.get("/api/v1/rehearsals/" + id, DAVE).json(),
        s -> s.get("status").asText().equals("SUCCEEDED") && s.at("/failureDecisions/refused").size() == 150,
        id + " to end SUCCEEDED with its refusals");
    assertThat(end.at("/approvals/refused").size()).isEqualTo(5);

    List<String> types = new ArrayList<>();
    api.get("/api/v1/rehearsals/" + id + "/history", DAVE).json().forEach(e -> types.add(e.get("type").asText()));
    assertThat(types.stream().filter("DECISION_REFUSED"::equals).count()).isEqualTo(150);
    assertThat(types.stream().filter("APPROVAL_REFUSED"::equals).count()).isEqualTo(5);
    String csv = api.get("/api/v1/audit/export?format=csv&plan=flood-plan", DAVE).body();
    assertThat(csv.lines().filter(l -> l.contains(",REFUSED,")).count()).as("the export's refused rows").isEqualTo(155);
    assertThat(csv).doesNotContain(LONG.substring(0, 600));
  }

  private HttpResponse<String> post(String path, String token, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String decision(String id, String step) {
    return "/api/v1/rehearsals/" + id + "/steps/" + step + "/decision";
  }
}
