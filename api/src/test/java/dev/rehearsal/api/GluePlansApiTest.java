package dev.rehearsal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 13 through the API: expectation operators, {@code until}, {@code assert}, artifacts and gates on a tool's
 * report are accepted as the issue writes them, and each misuse is refused in one problem+json answer, every problem
 * with its path, with no run started.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GluePlansApiTest {
  private static final String ALICE = "alice-token";

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    String data = Files.createTempDirectory("rehearsal-glue-test").toString();
    registry.add("rehearsal.data-dir", () -> data);
    registry.add("temporal.local-port", () -> "0");
    registry.add("rehearsal.security.users[0].name", () -> "alice");
    registry.add("rehearsal.security.users[0].roles", () -> "ENGINEER");
    registry.add("rehearsal.security.users[0].token", () -> ALICE);
    // Someone to sign off: the server refuses plans whose sign-off no configured user can give.
    registry.add("rehearsal.security.users[1].name", () -> "bob");
    registry.add("rehearsal.security.users[1].roles", () -> "APPROVER");
    registry.add("rehearsal.security.users[1].token", () -> "bob-token");
  }

  @Test
  void theIssuesSyntaxIsValid() {
    String plan = """
        apiVersion: rehearsal/v1
        name: glue
        environment: staging
        targets: { app: { http: { baseUrl: "http://127.0.0.1:9" } } }
        phases:
          smoke:
            - name: dashboard
              http:
                target: app
                path: /api/v1/dashboard
                expect:
                  status: 200
                  headers: { X-Request-ID: { matches: ".+" } }
                  json: { /metrics: { nonEmpty: true }, /count: { ">=": 1 }, /success: true }
            - name: job-done
              http: { target: app, path: /api/jobs/1, expect: { json: { /state: done } } }
              until: { timeout: 2m, every: 2s }
            - name: same-postgres-major
              assert: { equals: ["${parameters.prodMajor}", "${parameters.stagingMajor}"] }
          signoff: {}
        """;

    ApiClient.Response response = new ApiClient(port).post("/api/v1/plans/validate", ALICE, "application/yaml", plan);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("valid").asBoolean()).isTrue();
  }

  @Test
  void everyMisuseIsRefusedWithItsPathAndNoRunStarts() {
    String body = """
        {"releaseCandidate": "v1", "plan": {
          "apiVersion": "rehearsal/v1", "name": "glue-bad", "environment": "staging",
          "targets": {"app": {"http": {"baseUrl": "http://127.0.0.1:9"}}},
          "phases": {
            "smoke": [
              {"name": "ops", "http": {"target": "app", "expect": {
                 "json": {"/count": {"=>": 1}, "/id": {"matches": "(["}, "/n": {">": "lots"}, "/s": {"in": "done"}, "no-slash": 1},
                 "headers": {"X-Id": {"present": "yes"}}}}},
              {"name": "poll-load", "load": {"target": "app", "rate": 1, "duration": "10s", "requests": [{"name": "r", "path": "/"}]},
               "until": {"timeout": "1m"}},
              {"name": "poll-bad", "http": {"target": "app"}, "until": {"every": "5s"}},
              {"name": "two", "assert": {"equals": [1, 1], "!=": [1, 2]}},
              {"name": "three", "assert": {"<": [1, 2, 3]}}
            ],
            "signoff": {}
          }}}""";
    ApiClient client = new ApiClient(port);

    ApiClient.Response response = client.post("/api/v1/rehearsals", ALICE, "application/json", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    List<String> paths = new ArrayList<>();
    response.json().get("problems").forEach(p -> paths.add(p.get("path").asText()));
    assertThat(paths).containsExactlyInAnyOrder(
        "phases.smoke[0].http.expect.json./count.=>",
        "phases.smoke[0].http.expect.json./id.matches",
        "phases.smoke[0].http.expect.json./n.>",
        "phases.smoke[0].http.expect.json./s.in",
        "phases.smoke[0].http.expect.json.no-slash",
        "phases.smoke[0].http.expect.headers.X-Id.present",
        "phases.smoke[1].until",
        "phases.smoke[2].until.timeout",
        "phases.smoke[3].assert",
        "phases.smoke[4].assert.<");
    assertThat(client.get("/api/v1/rehearsals", ALICE).json().get("items")).isEmpty();
  }

  @Test
  void artifactAndReportGateMisusesAreRefusedWithTheirPathsAndNoRunStarts() {
    String body = """
        {"releaseCandidate": "v1", "plan": {
          "apiVersion": "rehearsal/v1", "name": "gates-bad", "environment": "staging",
          "targets": {"app": {"http": {"baseUrl": "http://127.0.0.1:9"}}},
          "phases": {
            "smoke": [
              {"name": "tool", "command": {"run": ["true"], "artifacts": ["/etc/passwd", "../up.txt"]},
               "gates": {"p95": {"report": "../report.json", "pointer": "/p95", "pass": 1200},
                         "tests": {"junit": "junit.xml", "pass": 0}}},
              {"name": "probe", "http": {"target": "app"},
               "gates": {"p95": {"report": "report.json", "pointer": "/p95", "pass": 1200}}}
            ],
            "signoff": {}
          }}}""";
    ApiClient client = new ApiClient(port);

    ApiClient.Response response = client.post("/api/v1/rehearsals", ALICE, "application/json", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    List<String> paths = new ArrayList<>();
    response.json().get("problems").forEach(p -> paths.add(p.get("path").asText()));
    assertThat(paths).containsExactlyInAnyOrder(
        "phases.smoke[0].command.artifacts[0]",
        "phases.smoke[0].command.artifacts[1]",
        "phases.smoke[0].gates.p95.report",
        "phases.smoke[0].gates.tests.figure",
        "phases.smoke[1].gates");
    assertThat(client.get("/api/v1/rehearsals", ALICE).json().get("items")).isEmpty();
  }
}
