package dev.rehearsal.api;

import static dev.rehearsal.api.LocalApp.BOB;
import static dev.rehearsal.api.LocalApp.CAROL;
import static dev.rehearsal.api.LocalApp.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What someone with write access to the data directory can no longer do unnoticed: rewrite a closed run in the run
 * index (list and export keep showing the archive's truth, and verify names the edit), or cut the newest archived run
 * off the chain (the chain head copy kept outside the data directory, and a head an auditor noted, expose it).
 */
class AuditTamperTest {
  @TempDir Path data;
  @TempDir Path outside;

  @Test
  void anEditedIndexLineChangesNothingAuditorsSeeAndVerifyNamesIt() throws IOException {
    String signedOff;
    String rejected;
    try (ConfigurableApplicationContext app = LocalApp.start(data, headCopy())) {
      ApiClient api = LocalApp.client(app);
      signedOff = closedRun(api, "tamper-a", BOB, "APPROVE");
      rejected = closedRun(api, "tamper-b", CAROL, "REJECT");
      awaitArchived(2);
      assertThat(api.get("/api/v1/rehearsals/" + signedOff, DAVE).json().get("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(api.get("/api/v1/audit/verify", DAVE).json().get("ok").asBoolean()).isTrue();
    }
    // The edit: the signed-off run's close line now says REJECTED, by carol. Plus a closed run the archive never saw.
    Path index = data.resolve("index/runs.jsonl");
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(index)) {
      lines.add(line.contains(signedOff) && line.contains("SUCCEEDED")
          ? line.replace("SUCCEEDED", "REJECTED").replace("\"bob\"", "\"carol\"") : line);
    }
    assertThat(lines).anyMatch(line -> line.contains(signedOff) && line.contains("REJECTED"));
    lines.add("{\"id\":\"rh-20250101-000000-ghost\",\"plan\":\"tamper-a\",\"environment\":\"staging\",\"releaseCandidate\":\"v1\","
        + "\"initiator\":\"alice\",\"startedAt\":1735689600,\"status\":\"SUCCEEDED\",\"finishedAt\":1735689700,\"approvers\":[\"bob\"]}");
    Files.write(index, lines);

    try (ConfigurableApplicationContext app = LocalApp.start(data, headCopy())) {
      ApiClient api = LocalApp.client(app);
      assertThat(LocalApp.ids(api, "?approver=bob&plan=tamper-a")).contains(signedOff);
      assertThat(LocalApp.ids(api, "?status=SUCCEEDED&plan=tamper-a")).contains(signedOff);
      assertThat(LocalApp.ids(api, "?status=REJECTED")).containsExactly(rejected);
      assertThat(LocalApp.ids(api, "?approver=carol")).containsExactly(rejected);
      JsonNode listed = api.get("/api/v1/rehearsals?plan=tamper-a", DAVE).json().get("items").get(1);
      assertThat(listed.get("id").asText()).isEqualTo(signedOff);
      assertThat(listed.get("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(listed.get("approvers").toString()).isEqualTo("[\"bob\"]");
      for (String filter : List.of("approver=bob", "status=SUCCEEDED")) {
        JsonNode export = api.get("/api/v1/audit/export?format=json&" + filter, DAVE).json();
        List<String> exported = new ArrayList<>();
        export.get("runs").forEach(run -> exported.add(run.get("id").asText() + " " + run.get("status").asText()));
        assertThat(exported).as(filter).contains(signedOff + " SUCCEEDED");
      }
      assertThat(api.get("/api/v1/audit/export?format=csv&approver=carol", DAVE).body()).doesNotContain(signedOff);

      JsonNode verify = api.get("/api/v1/audit/verify", DAVE).json();
      assertThat(verify.get("ok").asBoolean()).isFalse();
      List<String> problems = new ArrayList<>();
      verify.get("problems").forEach(p -> problems.add(p.get("run").asText() + ": " + p.get("file").asText() + ": " + p.get("message").asText()));
      assertThat(problems).hasSize(2);
      assertThat(problems.get(0)).startsWith(signedOff + ": index/runs.jsonl: the index disagrees with the archive (")
          .contains("status REJECTED where the archive says SUCCEEDED", "approvers [carol] where the archive says [bob]");
      assertThat(problems.get(1)).isEqualTo("rh-20250101-000000-ghost: index/runs.jsonl: the index says the run closed at "
          + "2025-01-01T00:01:40Z but the archive does not hold it");
    }

    String report = LocalApp.auditVerify(data, "--head-copy", outside.resolve("head.json").toString());
    assertThat(report).contains("PROBLEM " + signedOff + ": index/runs.jsonl: the index disagrees with the archive")
        .contains("PROBLEM rh-20250101-000000-ghost: index/runs.jsonl").contains("FAILED: 2 archived runs, 2 problems");
  }

  @Test
  void cuttingTheNewestArchivedRunIsCaughtByTheHeadCopyAndByAnExpectedHead() throws IOException {
    try (ConfigurableApplicationContext app = LocalApp.start(data, headCopy())) {
      ApiClient api = LocalApp.client(app);
      closedRun(api, "cut-a", BOB, "APPROVE");
      closedRun(api, "cut-b", CAROL, "REJECT");
      awaitArchived(2);
      // The archiver links runs in the order it gets to them, which under load need not be the order they closed.
      Path chain = data.resolve("archive/chain.jsonl");
      String newest = new ObjectMapper().readTree(Files.readAllLines(chain).get(1))
          .get("runId").asText();
      JsonNode intact = api.get("/api/v1/audit/verify", DAVE).json();
      assertThat(intact.get("ok").asBoolean()).as(intact.toString()).isTrue();
      assertThat(intact.get("headSequence").asLong()).isEqualTo(2);
      String noted = intact.get("headManifest").asText();
      assertThat(api.get("/api/v1/audit/verify?expectHead=" + noted, DAVE).json().get("ok").asBoolean()).isTrue();

      List<String> links = Files.readAllLines(chain);
      Files.write(chain, links.subList(0, 1));
      deleteTree(data.resolve("archive/runs").resolve(newest));

      JsonNode cut = api.get("/api/v1/audit/verify", DAVE).json();
      assertThat(cut.get("ok").asBoolean()).isFalse();
      assertThat(cut.get("headSequence").asLong()).isEqualTo(1);
      String current = cut.get("headManifest").asText();
      assertThat(cut.get("problems").get(0).get("run").asText()).isEqualTo(newest);
      assertThat(cut.get("problems").get(0).get("message").asText())
          .contains("the chain ends at #1 " + current, "is #2 " + noted, "archived runs were removed from the end");
      assertThat(api.get("/api/v1/audit/verify?expectHead=" + noted, DAVE).json().get("problems").toString())
          .contains("the expected head " + noted + " is not in the chain");
      ApiClient.Response bogus = api.get("/api/v1/audit/verify?expectHead=abc", DAVE);
      assertThat(bogus.status()).isEqualTo(400);
      assertThat(bogus.contentType()).startsWith("application/problem+json");

      // Without an anchor the cut chain is self-consistent; with one, each check catches it.
      assertThat(LocalApp.auditVerify(data)).startsWith("OK: 1 archived runs, 0 problems; chain head #1 " + current);
      assertThat(LocalApp.auditVerify(data, "--expect-head", noted)).contains("the expected head " + noted + " is not in the chain")
          .contains("FAILED: 1 archived runs, 1 problems");
      assertThat(LocalApp.auditVerify(data, "--expect-head", current)).startsWith("OK: 1 archived runs");
      assertThat(LocalApp.auditVerify(data, "--head-copy", outside.resolve("head.json").toString()))
          .contains("PROBLEM " + newest + ": chain.jsonl: the chain ends at #1").contains("FAILED:");
    }
  }

  /** Polls the chain file rather than verify, which replays every archived history each time. */
  private void awaitArchived(int runs) {
    Path chain = data.resolve("archive/chain.jsonl");
    Await.until(() -> {
      try {
        return Files.exists(chain) && Files.readAllLines(chain).size() == runs;
      } catch (IOException e) {
        return false;
      }
    }, runs + " runs archived");
  }

  private String headCopy() {
    return "--rehearsal.audit.head-copy=" + outside.resolve("head.json");
  }

  /** A run signed off or rejected by {@code approver}, closed and read once closed (which writes its index close line). */
  private static String closedRun(ApiClient api, String plan, String approver, String decision) {
    String id = LocalApp.startAndAwaitApproval(api, plan, "v1");
    ApiClient.Response decided = api.postJson("/api/v1/rehearsals/" + id + "/approvals", approver, Map.of("decision", decision, "comment", "checked by " + approver));
    assertThat(decided.status()).as(decided.body()).isEqualTo(200);
    Await.value(() -> api.get("/api/v1/rehearsals/" + id, DAVE).json(), s -> !s.get("finishedAt").isNull(), id + " to close");
    return id;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
