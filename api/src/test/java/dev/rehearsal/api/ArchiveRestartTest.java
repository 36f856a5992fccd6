package dev.rehearsal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.testing.Await;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The audit trail outlives the app (and globally configured webhooks hear of every run): runs closed in one local-mode app (in-memory Temporal) are archived, and a new
 * app on the same data directory, whose Temporal has never heard of them, still lists, shows, reports, exports and
 * verifies them; so does the {@code audit verify} command, which also catches a changed byte.
 */
class ArchiveRestartTest {
  private static final String ALICE = LocalApp.ALICE;
  private static final String BOB = LocalApp.BOB;
  private static final String CAROL = LocalApp.CAROL;
  private static final String DAVE = LocalApp.DAVE;

  @TempDir Path data;

  @Test
  void archivedRunsSurviveARestartAndVerify() throws Exception {
    // A webhook configured for every run (not in the plans) hears about both runs.
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      JsonNode post = new ObjectMapper().readTree(exchange.getRequestBody());
      events.add(post.at("/rehearsal/id").asText() + " " + post.at("/rehearsal/event").asText());
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    String approved;
    String rejected;
    Map<String, String> before = new LinkedHashMap<>();
    try (ConfigurableApplicationContext first = LocalApp.start(data, "--rehearsal.notify.webhooks[0].url=" + hook)) {
      ApiClient api = LocalApp.client(first);
      approved = LocalApp.startAndAwaitApproval(api, "archive-a", "v7.0.0");
      String digest = api.get("/api/v1/rehearsals/" + approved, DAVE).json().get("evidenceDigest").asText();
      assertThat(api.postJson("/api/v1/rehearsals/" + approved + "/approvals", BOB,
          Map.of("decision", "APPROVE", "comment", "numbers hold", "evidenceDigest", digest)).status()).isEqualTo(200);
      rejected = LocalApp.startAndAwaitApproval(api, "archive-b", "v7.0.1");
      assertThat(api.postJson("/api/v1/rehearsals/" + rejected + "/approvals", CAROL,
          Map.of("decision", "REJECT", "comment", "=1+1 smoke flaky, retry")).status()).isEqualTo(200);
      Await.value(() -> api.get("/api/v1/audit/verify", DAVE).json(), v -> v.get("runs").asInt() == 2, "both runs archived");
      Await.until(() -> events.size() == 4, "four webhook posts");
      assertThat(events).containsExactlyInAnyOrder(approved + " awaitingApproval", approved + " ended",
          rejected + " awaitingApproval", rejected + " ended");
      receiver.stop(0);
      for (String id : List.of(approved, rejected)) {
        for (String path : paths(id)) {
          before.put(path, api.get(path, DAVE, accept(path)).body());
        }
      }
    }

    try (ConfigurableApplicationContext second = LocalApp.start(data)) {
      ApiClient api = LocalApp.client(second);
      for (Map.Entry<String, String> read : before.entrySet()) {
        ApiClient.Response again = api.get(read.getKey(), DAVE, accept(read.getKey()));
        assertThat(again.status()).as(read.getKey()).isEqualTo(200);
        assertThat(again.body()).as(read.getKey()).isEqualTo(read.getValue());
      }
      assertThat(api.get("/api/v1/rehearsals/" + approved, DAVE).json().get("status").asText()).isEqualTo("SUCCEEDED");
      List<String> notified = new ArrayList<>();
      api.get("/api/v1/rehearsals/" + approved + "/history", DAVE).json().forEach(entry -> {
        if (entry.get("type").asText().equals("NOTIFIED")) {
          notified.add(entry.at("/detail/event").asText());
        }
      });
      assertThat(notified).containsExactly("awaitingApproval", "ended");
      assertThat(api.get("/api/v1/rehearsals/" + approved + "/report", DAVE, Map.of("Accept", "text/markdown")).body())
          .contains("v7.0.0", "bob", "numbers hold");
      assertThat(api.get("/api/v1/rehearsals/" + rejected + "/report", DAVE, Map.of("Accept", "text/html")).body())
          .contains("<html", "REJECTED", "carol");
      assertThat(api.get("/api/v1/rehearsals/" + rejected + "/evidence/check.a1.stdout.log", DAVE).body()).isEqualTo("checked\n");

      // Filters over archived runs.
      assertThat(LocalApp.ids(api, "")).containsExactly(rejected, approved);
      assertThat(LocalApp.ids(api, "?approver=bob")).containsExactly(approved);
      assertThat(LocalApp.ids(api, "?status=REJECTED")).containsExactly(rejected);
      assertThat(LocalApp.ids(api, "?initiator=alice&plan=archive-a")).containsExactly(approved);
      assertThat(LocalApp.ids(api, "?releaseCandidate=v7.0.1&environment=staging")).containsExactly(rejected);
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      assertThat(LocalApp.ids(api, "?from=" + today + "&to=" + today)).containsExactly(rejected, approved);
      assertThat(LocalApp.ids(api, "?from=" + today.plusDays(1))).isEmpty();
      assertThat(LocalApp.ids(api, "?to=" + Instant.now().minusSeconds(3600))).isEmpty();
      assertThat(api.get("/api/v1/rehearsals?from=yesterday", DAVE).status()).isEqualTo(400);
      assertThat(api.get("/api/v1/rehearsals?to=+999999999-12-31", DAVE).status()).isEqualTo(400);

      // Decisions on an archived run are refused as on any closed run; unknown runs stay unknown.
      assertThat(api.postJson("/api/v1/rehearsals/" + rejected + "/approvals", BOB, Map.of("decision", "APPROVE")).status()).isEqualTo(409);
      assertThat(api.get("/api/v1/rehearsals/rh-never", DAVE).status()).isEqualTo(404);

      JsonNode export = api.get("/api/v1/audit/export?format=json", DAVE).json();
      assertThat(export.get("count").asInt()).isEqualTo(2);
      JsonNode approvedRun = export.get("runs").get(1);
      assertThat(approvedRun.get("id").asText()).isEqualTo(approved);
      assertThat(approvedRun.get("readiness").asText()).as("read back from the archive").isEqualTo("NOT_ASSESSED");
      JsonNode decision = approvedRun.get("decisions").get(0);
      assertThat(decision.get("actor").asText()).isEqualTo("bob");
      assertThat(decision.get("outcome").asText()).isEqualTo("ACCEPTED");
      assertThat(decision.get("evidenceDigest").asText()).startsWith("sha256:");
      List<String> refusedLater = new ArrayList<>();
      export.get("runs").get(0).get("decisions").forEach(d -> refusedLater.add(d.get("outcome").asText() + " " + d.get("actor").asText()));
      assertThat(refusedLater).containsExactly("ACCEPTED carol", "REFUSED bob");

      ApiClient.Response csv = api.get("/api/v1/audit/export?format=csv&approver=carol", DAVE);
      assertThat(csv.contentType()).startsWith("text/csv");
      List<String> rows = csv.body().lines().toList();
      assertThat(rows.get(0)).startsWith("run_id,plan,environment,release_candidate,initiator,started_at");
      assertThat(rows).hasSize(3);
      assertThat(rows.get(1)).startsWith(rejected + ",archive-b,staging,v7.0.1,alice,")
          .contains(",REJECTED,NOT_ASSESSED,sha256:", ",REJECT,ACCEPTED,carol,", ",\"'=1+1 smoke flaky, retry\",");
      assertThat(api.get("/api/v1/audit/export?format=xml", DAVE).status()).isEqualTo(400);
      assertThat(api.get("/api/v1/audit/export", ALICE).status()).isEqualTo(403);

      JsonNode verify = api.get("/api/v1/audit/verify", DAVE).json();
      assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isTrue();
      assertThat(verify.get("runs").asInt()).isEqualTo(2);
      assertThat(api.get("/api/v1/audit/verify", ALICE).status()).isEqualTo(403);
    }

    assertThat(LocalApp.auditVerify(data)).startsWith("OK: 2 archived runs, 0 problems");
    Path state = data.resolve("archive/runs").resolve(approved).resolve("state.json");
    Files.writeString(state, Files.readString(state).replace("numbers hold", "numbers held"));
    String report = LocalApp.auditVerify(data);
    assertThat(report).contains("PROBLEM " + approved + ": state.json: sha256 differs from the manifest").contains("FAILED:");
  }

  private static List<String> paths(String id) {
    String run = "/api/v1/rehearsals/" + id;
    return List.of(run, run + "/history", run + "/history?format=temporal", run + "/report", run + "/evidence/check.a1.stdout.log");
  }

  private static Map<String, String> accept(String path) {
    return path.contains("/evidence/") ? Map.of() : Map.of("Accept", "application/json");
  }
}
