package dev.rehearsal.api;

import static dev.rehearsal.api.LocalApp.ALICE;
import static dev.rehearsal.api.LocalApp.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.testing.Await;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Nothing the API refuses, or fails to do, has started a run: text that is not valid Unicode (a lone UTF-16
 * surrogate) is refused at validation with its path, and a run that cannot be indexed is not started.
 */
class StartOrderTest {
  private static final String PLAN = """
      {"apiVersion": "rehearsal/v1", "name": "%s", "environment": "staging",
       "phases": {"smoke": [{"name": "check", "command": {"run": ["echo", "%s"]}}], "signoff": {}}}""";

  @TempDir Path data;

  @Test
  void loneSurrogatesAreRefusedWithTheirPathsAndNothingStarts() throws Exception {
    try (ConfigurableApplicationContext app = LocalApp.start(data)) {
      ApiClient api = LocalApp.client(app);
      WorkflowClient temporal = app.getBean(WorkflowClient.class);
      // JSON escapes, as the issue sent them: the body itself is plain ASCII.
      String inPlan = "{\"releaseCandidate\": \"v1\", \"plan\": " + PLAN.formatted("bad\\ud800name", "x\\udc00") + "}";
      ApiClient.Response refused = api.post("/api/v1/rehearsals", ALICE, "application/json", inPlan, Map.of("Idempotency-Key", "k1"));
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(paths(refused)).containsExactly("name", "phases.smoke[0].command.run[1]");

      String inRequest = "{\"releaseCandidate\": \"v1\\udbff\", \"parameters\": {\"tag\": \"a\\udfffb\"}, \"plan\": "
          + PLAN.formatted("fine", "x\\ud800") + "}";
      ApiClient.Response refusedToo = api.post("/api/v1/rehearsals", ALICE, "application/json", inRequest, Map.of("Idempotency-Key", "k2"));
      assertThat(refusedToo.status()).as(refusedToo.body()).isEqualTo(400);
      assertThat(paths(refusedToo)).containsExactly("releaseCandidate", "parameters.tag", "phases.smoke[0].command.run[1]");

      ApiClient.Response validate = api.post("/api/v1/plans/validate", ALICE, "application/json",
          PLAN.formatted("ok", "x").replace("\"staging\"", "\"stag\\ud800ing\""));
      assertThat(validate.status()).isEqualTo(400);
      assertThat(paths(validate)).containsExactly("environment");

      for (String key : List.of("k1", "k2")) {
        assertThat(exists(temporal, idFor(key))).as("run " + key).isFalse();
        assertThat(exists(temporal, "archive-" + idFor(key))).as("archiver " + key).isFalse();
      }
      assertThat(LocalApp.ids(api, "")).isEmpty();
      assertThat(api.get("/api/v1/audit/export?format=json", DAVE).status()).isEqualTo(200);
    }
  }

  @Test
  void aRunThatCannotBeIndexedIsNotStartedAndItsRetryStartsItOnce() throws Exception {
    try (ConfigurableApplicationContext app = LocalApp.start(data)) {
      ApiClient api = LocalApp.client(app);
      WorkflowClient temporal = app.getBean(WorkflowClient.class);
      String body = "{\"releaseCandidate\": \"v1\", \"plan\": " + PLAN.formatted("indexed", "x") + "}";
      // The index cannot be appended to: its file is a directory.
      Path index = data.resolve("index/runs.jsonl");
      Files.createDirectories(index);

      ApiClient.Response failed = api.post("/api/v1/rehearsals", ALICE, "application/json", body, Map.of("Idempotency-Key", "k3"));
      assertThat(failed.status()).as(failed.body()).isEqualTo(500);
      assertThat(failed.contentType()).startsWith("application/problem+json");
      assertThat(exists(temporal, idFor("k3"))).isFalse();
      assertThat(exists(temporal, "archive-" + idFor("k3"))).isFalse();
      assertThat(LocalApp.ids(api, "")).isEmpty();

      Files.delete(index);
      ApiClient.Response retried = api.post("/api/v1/rehearsals", ALICE, "application/json", body, Map.of("Idempotency-Key", "k3"));
      assertThat(retried.status()).as("the retry starts the run, rather than finding one started").isEqualTo(201);
      assertThat(retried.json().get("id").asText()).isEqualTo(idFor("k3"));
      assertThat(LocalApp.ids(api, "")).containsExactly(idFor("k3"));
      Await.value(() -> api.get("/api/v1/rehearsals/" + idFor("k3"), DAVE).json(),
          s -> s.get("status").asText().equals("AWAITING_APPROVAL"), "the run to await approval");
      assertThat(Files.readAllLines(index)).hasSize(1);
    }
  }

  private static List<String> paths(ApiClient.Response response) {
    List<String> paths = new ArrayList<>();
    for (JsonNode problem : response.json().get("problems")) {
      assertThat(problem.get("message").asText()).contains("lone UTF-16 surrogate");
      paths.add(problem.get("path").asText());
    }
    return paths;
  }

  /** The run id the API derives from alice's idempotency key (RehearsalService#idempotentId). */
  private static String idFor(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(("alice\n" + key).getBytes(StandardCharsets.UTF_8));
      return "rh-k-" + HexFormat.of().formatHex(digest).substring(0, 24);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean exists(WorkflowClient temporal, String workflowId) {
    try {
      temporal.newUntypedWorkflowStub(workflowId).describe();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
