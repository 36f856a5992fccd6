package dev.rehearsal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Completing manual steps over HTTP: who may (role, group, initiator), every refusal with its status and reason and
 * its record for auditors, attachments kept with their sha256 and only ever served as downloads, and bad input that
 * stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ManualStepApiTest {
  private static final String ALICE = "alice-token";
  private static final String BOB = "bob-token";
  private static final String CAROL = "carol-token";
  private static final String DAVE = "dave-token";
  private static final String ERIN = "erin-token";
  private static final byte[] HTML = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);

  private static Path dataDir;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    dataDir = Files.createTempDirectory("rehearsal-manual-api-test");
    registry.add("rehearsal.data-dir", dataDir::toString);
    registry.add("temporal.local-port", () -> "0");
    registry.add("rehearsal.http.max-body.attachment", () -> "1KB");
    registry.add("rehearsal.http.max-body.completion", () -> "64KB");
    String[][] users = {
        {"alice", "ENGINEER", ALICE, ""}, {"bob", "APPROVER,AUDITOR", BOB, "dba"},
        {"carol", "APPROVER", CAROL, ""}, {"dave", "AUDITOR", DAVE, ""}, {"erin", "ENGINEER", ERIN, "qa"}};
    LocalApp.registerUsers(registry, users);
  }

  @Test
  void aRoleStepTakesOnlyItsRoleWithWhatItRequiresAndKeepsTheAttachmentAsADownload() throws Exception {
    String id = start("""
          smoke:
            - name: look
              manual:
                instructions: "Open the dashboards; attach a screenshot."
                items: ["queue depth flat", "no failed jobs"]
                by: { role: APPROVER }
                requires: { note: true, attachment: true }
            - { name: after, command: { run: [echo, after] } }
          signoff: {}
        """);
    awaitState(id, s -> s.get("steps").get(0).get("status").asText().equals("WAITING"));
    JsonNode waiting = api().get(run(id), DAVE).json();
    assertThat(waiting.get("status").asText()).isEqualTo("RUNNING");
    assertThat(waiting.get("waitingFor").get("kind").asText()).isEqualTo("manual");
    assertThat(waiting.get("waitingFor").get("step").asText()).isEqualTo("look");
    assertThat(waiting.get("waitingFor").get("who").asText()).isEqualTo("APPROVER");
    assertThat(waiting.get("waitingFor").get("instructions").asText()).isEqualTo("Open the dashboards; attach a screenshot.");
    assertThat(waiting.get("waitingFor").get("items").toString()).isEqualTo("[\"queue depth flat\",\"no failed jobs\"]");
    assertThat(waiting.get("waitingFor").get("requires").toString()).isEqualTo("{\"note\":true,\"attachment\":true}");
    assertThat(waiting.get("waitingFor").get("initiatorMayComplete").asBoolean()).isTrue();

    Multipart good = new Multipart().field("outcome", "CONFIRMED").field("note", "all flat")
        .file("attachment", "page.html", "text/html", HTML);
    assertRefused(complete(id, "look", ERIN, good), 403, "NotPermittedToComplete");
    assertRefused(complete(id, "look", DAVE, good), 403, "NotPermittedToComplete");
    assertRefused(complete(id, "look", ALICE, good), 403, "NotPermittedToComplete");
    assertRefused(complete(id, "look", CAROL, new Multipart().field("outcome", "CONFIRMED")
        .file("attachment", "a.png", "image/png", new byte[] {1, 2})), 400, "CompletionIncomplete");
    assertRefused(complete(id, "look", CAROL, new Multipart().field("outcome", "CONFIRMED").field("note", "seen")),
        400, "CompletionIncomplete");
    assertRefused(complete(id, "after", CAROL, good), 409, "NotManualStep");
    assertThat(complete(id, "nope", CAROL, good).status()).isEqualTo(404);

    // Bad input: a clear answer, and nothing stored.
    assertBadInput(complete(id, "look", CAROL, new Multipart().field("outcome", "MAYBE").field("note", "x")), 400, "outcome");
    ApiClient.Response yes = complete(id, "look", CAROL, new Multipart().field("outcome", "YES").field("note", "x"));
    assertRefused(yes, 400, "CompletionIncomplete");
    assertThat(yes.json().get("detail").asText()).contains("CONFIRMED or FAILED").contains("'YES'");
    assertBadInput(complete(id, "look", CAROL, new Multipart().field("outcome", "CONFIRMED").field("note", "x")
        .file("file", "a.png", "image/png", new byte[] {1})), 400, "attachment");
    assertBadInput(complete(id, "look", CAROL, new Multipart().field("outcome", "CONFIRMED").field("note", "x")
        .file("attachment", "empty.txt", "text/plain", new byte[0])), 400, "empty");
    assertBadInput(complete(id, "look", CAROL, new Multipart().field("outcome", "CONFIRMED").field("note", "x")
        .file("attachment", "../../x", "text/plain", new byte[] {1})), 400, "plain file name");
    assertBadInput(complete(id, "look", CAROL, new Multipart().field("outcome", "CONFIRMED").field("note", "x")
        .file("attachment", "ok.txt", "text/plain", new byte[] {1}).file("attachment", "big.bin", "application/octet-stream",
            new byte[2048])), 413, "big.bin is larger than 1024 bytes");
    assertBadInput(complete(id, "look", CAROL, new Multipart().field("outcome", "CONFIRMED").field("note", "x")
        .file("attachment", "huge.bin", "application/octet-stream", new byte[100 * 1024])), 413, "");
    Multipart oversized = new Multipart().field("outcome", "CONFIRMED").field("note", "x")
        .file("attachment", "huge.bin", "application/octet-stream", new byte[100 * 1024]);
    HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + run(id) + "/steps/look/complete"))
        .header("Authorization", "Bearer " + CAROL)
        .header("Content-Type", oversized.contentType())
        // From a stream, so without Content-Length: chunked, and refused while it is read.
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(oversized.body()))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).as("a chunked body over the completion limit: " + chunked.body()).isEqualTo(413);
    assertThat(chunked.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(attachmentsStored(id)).as("nothing stored by refused or bad completions").isEmpty();

    ApiClient.Response done = complete(id, "look", CAROL, good);
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().get("actor").asText()).isEqualTo("carol");
    assertRefused(complete(id, "look", BOB, good), 409, "AlreadyCompleted");

    JsonNode state = awaitState(id, s -> s.get("status").asText().equals("AWAITING_APPROVAL"));
    JsonNode look = state.get("steps").get(0);
    assertThat(look.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(look.get("completion").get("actor").asText()).isEqualTo("carol");
    assertThat(look.get("completion").get("note").asText()).isEqualTo("all flat");
    JsonNode attachment = look.get("evidence").get(0);
    String name = attachment.get("name").asText();
    assertThat(name).isEqualTo("look.attachment.1.page.html");
    assertThat(attachment.get("sha256").asText()).isEqualTo(sha256(HTML));
    assertThat(look.get("completion").get("attachments").get(0).get("sha256").asText()).isEqualTo(sha256(HTML));
    assertThat(look.get("summary").asText()).contains("confirmed by carol").contains("all flat");
    assertThat(state.has("waitingFor") && !state.get("waitingFor").isNull()).isFalse();

    HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + run(id) + "/evidence/" + name)).header("Authorization", "Bearer " + ALICE)
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(HTML);
    assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
    assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).doesNotContain("html"));

    List<String> refused = new ArrayList<>();
    state.get("approvals").get("refused").forEach(r -> refused.add(r.get("actor").asText() + " " + r.get("decision").asText()));
    assertThat(refused).contains("erin COMPLETE look CONFIRMED", "dave COMPLETE look CONFIRMED",
        "alice COMPLETE look CONFIRMED", "carol COMPLETE after CONFIRMED", "bob COMPLETE look CONFIRMED", "carol COMPLETE look YES");

    JsonNode history = api().get(run(id) + "/history", DAVE).json();
    JsonNode completed = entry(history, "MANUAL_STEP_COMPLETED");
    assertThat(completed.get("actor").asText()).isEqualTo("carol");
    assertThat(completed.get("step").asText()).isEqualTo("look");
    assertThat(completed.get("detail").get("note").asText()).isEqualTo("all flat");
    assertThat(completed.get("detail").get("attachments").get(0).get("sha256").asText()).isEqualTo(sha256(HTML));
    assertThat(entry(history, "MANUAL_STEP_WAITING").get("step").asText()).isEqualTo("look");

    assertThat(api().get(run(id) + "/report", DAVE, java.util.Map.of("Accept", "text/markdown")).body())
        .contains("confirmed by carol").contains(sha256(HTML).substring(0, 12));
    assertThat(api().get(run(id) + "/report", DAVE, java.util.Map.of("Accept", "application/json")).body())
        .contains("confirmed by carol").contains(sha256(HTML));
    String export = api().get("/api/v1/audit/export?format=csv", DAVE).body();
    assertThat(export).contains("COMPLETE look CONFIRMED,ACCEPTED,carol").contains("look.attachment.1.page.html sha256:" + sha256(HTML));
    assertThat(export.lines().filter(l -> l.contains("COMPLETE look CONFIRMED,ACCEPTED,carol")))
        .as("the step column names the completed step").singleElement().satisfies(l -> assertThat(l).endsWith(",look"));
    assertThat(export.lines().filter(l -> l.contains("COMPLETE after CONFIRMED,REFUSED,carol")))
        .allSatisfy(l -> assertThat(l).endsWith(",after"));

    ApiClient.Response approved = api().postJson(run(id) + "/approvals", BOB, java.util.Map.of("decision", "APPROVE",
        "comment", "ok", "evidenceDigest", state.get("evidenceDigest").asText()));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
  }

  @Test
  void groupsAndTheInitiatorAreJudgedPerStep() {
    String id = start("""
          smoke:
            - { name: dba-check, manual: { instructions: "Backout plan documented?", by: { group: dba } } }
            - { name: not-mine, manual: { instructions: "Config classes identical?", initiatorMayComplete: false } }
            - { name: mine, manual: { instructions: "Ticket attached?" } }
          signoff: {}
        """);
    awaitState(id, s -> s.get("steps").get(0).get("status").asText().equals("WAITING"));
    assertThat(api().get(run(id), DAVE).json().get("waitingFor").get("who").asText()).isEqualTo("group:dba");
    Multipart confirm = new Multipart().field("outcome", "CONFIRMED");
    assertRefused(complete(id, "dba-check", CAROL, confirm), 403, "NotPermittedToComplete");
    assertRefused(complete(id, "dba-check", ERIN, confirm), 403, "NotPermittedToComplete");
    assertRefused(complete(id, "mine", ALICE, confirm), 409, "StepNotWaiting");
    assertThat(complete(id, "dba-check", BOB, confirm).status()).isEqualTo(200);

    awaitState(id, s -> s.get("steps").get(1).get("status").asText().equals("WAITING"));
    assertRefused(complete(id, "not-mine", ALICE, confirm), 403, "InitiatorMayNotComplete");
    assertRefused(complete(id, "not-mine", CAROL, confirm), 403, "NotPermittedToComplete");
    assertThat(complete(id, "not-mine", ERIN, confirm).status()).isEqualTo(200);

    awaitState(id, s -> s.get("steps").get(2).get("status").asText().equals("WAITING"));
    assertThat(complete(id, "mine", ALICE, confirm).status()).as("the initiator may, by default").isEqualTo(200);
    assertRefused(complete(id, "dba-check", BOB, confirm), 409, "AlreadyCompleted");

    JsonNode state = awaitState(id, s -> s.get("status").asText().equals("AWAITING_APPROVAL"));
    List<String> by = new ArrayList<>();
    state.get("steps").forEach(s -> by.add(s.get("completion").get("actor").asText()));
    assertThat(by).containsExactly("bob", "erin", "alice");
  }

  @Test
  void aFailedCompletionFailsTheRunAndALateOneIsRefusedAndLogged() {
    String id = start("""
          smoke:
            - { name: look, manual: { instructions: "Look.", requires: { note: true, attachment: true } } }
          signoff: {}
        """);
    awaitState(id, s -> s.get("steps").get(0).get("status").asText().equals("WAITING"));
    ApiClient.Response failed = complete(id, "look", ERIN, new Multipart().field("outcome", "failed")
        .field("note", "40 failed jobs"));
    assertThat(failed.status()).as("a failure report needs no attachment").isEqualTo(200);

    JsonNode end = awaitState(id, s -> s.get("status").asText().equals("FAILED"));
    assertThat(end.get("steps").get(0).get("status").asText()).isEqualTo("FAILED");
    assertThat(end.get("steps").get(0).get("summary").asText()).contains("reported failed by erin").contains("40 failed jobs");
    Await.until(() -> complete(id, "look", ERIN, new Multipart().field("outcome", "CONFIRMED").field("note", "x")
        .file("attachment", "a.txt", "text/plain", new byte[] {1})).status() == 409, "a closed run refusing");
    assertThat(attachmentsStored(id)).isEmpty();
    JsonNode history = api().get(run(id) + "/history", DAVE).json();
    List<String> refusals = new ArrayList<>();
    history.forEach(e -> {
      if (e.get("type").asText().equals("APPROVAL_REFUSED")) {
        refusals.add(e.get("actor").asText() + " " + e.get("detail").get("decision").asText());
      }
    });
    assertThat(refusals).contains("erin COMPLETE look CONFIRMED");
  }

  /**
   * Hostile finding 2: two completions of one step at once, with different files of the same name. The loser's
   * clean-up used to delete the winner's file, which the run had recorded. Now whichever wins, the evidence it recorded
   * is there, with its bytes and sha256, kept for the worker's user alone (finding 14), and an APPROVER, who signs over
   * it, may download it.
   */
  @Test
  void twoCompletionsAtOnceWithTheSameFileNameLeaveTheAcceptedAttachmentDownloadable() throws Exception {
    int steps = 4;
    StringBuilder phases = new StringBuilder("  smoke:\n");
    for (int i = 0; i < steps; i++) {
      phases.append("    - { name: m").append(i).append(", manual: { instructions: x, by: { role: APPROVER } } }\n");
    }
    String id = start(phases + "  signoff: {}\n");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < steps; i++) {
        String step = "m" + i;
        int index = i;
        awaitState(id, s -> s.get("steps").get(index).get("status").asText().equals("WAITING"));
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<ApiClient.Response>> answers = new ArrayList<>();
        for (String token : List.of(CAROL, BOB)) {
          Multipart body = new Multipart().field("outcome", "CONFIRMED")
              .file("attachment", "shot.png", "image/png", (token + " " + step).getBytes(StandardCharsets.UTF_8));
          answers.add(pool.submit(() -> {
            go.await();
            return complete(id, step, token, body);
          }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (var answer : answers) {
          statuses.add(answer.get().status());
        }
        assertThat(statuses).as(step).containsExactlyInAnyOrder(200, 409);
      }
    } finally {
      pool.shutdownNow();
    }

    JsonNode state = awaitState(id, s -> s.get("status").asText().equals("AWAITING_APPROVAL"));
    for (int i = 0; i < steps; i++) {
      JsonNode step = state.get("steps").get(i);
      JsonNode recorded = step.get("completion").get("attachments").get(0);
      String winner = step.get("completion").get("actor").asText();
      byte[] expected = ((winner.equals("carol") ? CAROL : BOB) + " m" + i).getBytes(StandardCharsets.UTF_8);
      assertThat(recorded.get("sha256").asText()).as("m" + i).isEqualTo(sha256(expected));
      HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + run(id) + "/evidence/" + recorded.get("name").asText()))
          .header("Authorization", "Bearer " + CAROL).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(download.statusCode()).as("m" + i + " " + recorded).isEqualTo(200);
      assertThat(download.body()).as("m" + i).isEqualTo(expected);
      assertThat(sha256(download.body())).isEqualTo(recorded.get("sha256").asText());
    }
    assertThat(attachmentsStored(id)).as("the losers' files are gone, the winners' kept").hasSize(steps);
    for (Path kept : attachmentsStored(id)) {
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)))
          .as(kept.toString()).isEqualTo("rw-------");
    }
  }

  private ApiClient api() {
    return new ApiClient(port);
  }

  private static String run(String id) {
    return "/api/v1/rehearsals/" + id;
  }

  private ApiClient.Response complete(String id, String step, String token, Multipart body) {
    return api().postMultipart(run(id) + "/steps/" + step + "/complete", token, body);
  }

  private static void assertRefused(ApiClient.Response response, int status, String reason) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("reason").asText()).isEqualTo(reason);
    assertThat(response.json().get("detail").asText()).isNotBlank();
  }

  private static void assertBadInput(ApiClient.Response response, int status, String detail) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("detail").asText()).contains(detail);
  }

  private static List<Path> attachmentsStored(String id) {
    Path dir = dataDir.resolve("evidence").resolve(id);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().contains(".attachment.")).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String start(String phases) {
    String body = """
        releaseCandidate: v1
        plan:
          apiVersion: rehearsal/v1
          name: people
          environment: staging
          phases:
        %s""".formatted(phases.indent(2));
    ApiClient.Response started = api().post("/api/v1/rehearsals", ALICE, "application/yaml", body);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    return started.json().get("id").asText();
  }

  private JsonNode awaitState(String id, Predicate<JsonNode> done) {
    return Await.value(() -> api().get(run(id), DAVE).json(), done, "the state of " + id);
  }

  private static JsonNode entry(JsonNode history, String type) {
    for (JsonNode e : history) {
      if (e.get("type").asText().equals(type)) {
        return e;
      }
    }
    throw new AssertionError("no " + type + " in " + history);
  }

  private static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
