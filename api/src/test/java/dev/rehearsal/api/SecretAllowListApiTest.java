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
 * Issue 10, finding 6: the server decides which secrets plans for an environment may reference; and a plan cannot
 * let its initiator sign off unless the server's approval policy says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecretAllowListApiTest {
  private static final String ALICE = "alice-token";

  @LocalServerPort int port;

  private static final String DATA = tempDir();
  private static final String USERS_FILE = tempDir() + "/users.yaml";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    registry.add("rehearsal.data-dir", () -> DATA);
    registry.add("spring.config.additional-location", () -> "optional:file:" + USERS_FILE);
    registry.add("temporal.local-port", () -> "0");
    registry.add("rehearsal.security.users[0].name", () -> "alice");
    registry.add("rehearsal.security.users[0].roles", () -> "ENGINEER");
    registry.add("rehearsal.security.users[0].token", () -> ALICE);
    // Someone to sign off: the server refuses plans whose sign-off no configured user can give.
    registry.add("rehearsal.security.users[1].name", () -> "bob");
    registry.add("rehearsal.security.users[1].roles", () -> "APPROVER");
    registry.add("rehearsal.security.users[1].token", () -> "bob-token");
    registry.add("rehearsal.secrets.allowed.staging.env", () -> "STAGING_DATABASE_URL");
    registry.add("rehearsal.secrets.allowed.staging.files", () -> "/etc/rehearsal/secrets/*,/tmp/**,/proc/**");
    registry.add("rehearsal.secrets.allowed.prod-like.env", () -> "REHEARSAL_SECURITY_USERS_0_TOKEN");
    registry.add("rehearsal.policies.environments.sandbox.initiatorMayApprove", () -> "true");
  }

  private static String tempDir() {
    try {
      return Files.createTempDirectory("rehearsal-secrets-test").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aPlanReferencingASecretNotAllowedForItsEnvironmentIsRefusedWithEachPath() {
    String body = """
        {"releaseCandidate": "v1", "parameters": {"sneaky": "${env:AWS_SECRET_ACCESS_KEY}"}, "plan": {
          "apiVersion": "rehearsal/v1", "name": "snoop", "environment": "staging",
          "phases": {
            "migrate": [{"name": "ok", "command": {"run": ["true"], "env": {
               "DB": "${env:STAGING_DATABASE_URL}", "KEY": "${file:/etc/rehearsal/secrets/db.key}"}}}],
            "smoke": [{"name": "bad", "command": {"run": ["echo", "${env:HOME}", "${parameters.sneaky}"], "env": {
               "SHADOW": "${file:/etc/rehearsal/secrets/../../shadow}", "DEEP": "${file:/etc/rehearsal/secrets/a/b}"}}}],
            "signoff": {}
          }}}""";

    ApiClient.Response response = new ApiClient(port).post("/api/v1/rehearsals", ALICE, "application/json", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    List<String> problems = new ArrayList<>();
    response.json().get("problems").forEach(p -> problems.add(p.get("path").asText() + ": " + p.get("message").asText()));
    assertThat(problems).containsExactlyInAnyOrder(
        "phases.smoke[0].command.run[1]: ${env:HOME} is not among the secrets plans for environment staging may reference (rehearsal.secrets.allowed.staging)",
        "phases.smoke[0].command.run[2]: ${env:AWS_SECRET_ACCESS_KEY} is not among the secrets plans for environment staging may reference (rehearsal.secrets.allowed.staging)",
        "phases.smoke[0].command.env.SHADOW: ${file:/etc/rehearsal/secrets/../../shadow} is not among the secrets plans for environment staging may reference (rehearsal.secrets.allowed.staging)",
        "phases.smoke[0].command.env.DEEP: ${file:/etc/rehearsal/secrets/a/b} is not among the secrets plans for environment staging may reference (rehearsal.secrets.allowed.staging)");
    assertThat(new ApiClient(port).get("/api/v1/rehearsals", ALICE).json().get("items")).isEmpty();
  }

  @Test
  void validateRefusesTheSameAndAnEnvironmentWithoutAnEntryMayReferenceNoSecret() {
    String plan = """
        {"apiVersion": "rehearsal/v1", "name": "p", "environment": "%s",
         "phases": {"smoke": [{"name": "s", "command": {"run": ["echo", "${env:HOME}"]}}], "signoff": {}}}""";
    ApiClient api = new ApiClient(port);

    ApiClient.Response staging = api.post("/api/v1/plans/validate", ALICE, "application/json", plan.formatted("staging"));
    assertThat(staging.status()).isEqualTo(400);
    assertThat(staging.json().get("problems").get(0).get("path").asText()).isEqualTo("phases.smoke[0].command.run[1]");
    ApiClient.Response unlisted = api.post("/api/v1/plans/validate", ALICE, "application/json", plan.formatted("qa"));
    assertThat(unlisted.status()).isEqualTo(400);
    assertThat(unlisted.json().get("problems").get(0).get("message").asText())
        .isEqualTo("${env:HOME}: plans for environment qa may reference no secret (rehearsal.secrets.allowed has no entry for it)");
    String noSecrets = plan.replace("${env:HOME}", "hello").formatted("qa");
    assertThat(api.post("/api/v1/plans/validate", ALICE, "application/json", noSecrets).status()).isEqualTo(200);
  }

  /** The hostile test's way round: the users' token hashes, the evidence and the worker's environment are never secrets. */
  @Test
  void theWorkersOwnConfigurationDataAndEnvironmentAreNeverASecretWhateverTheListSays() {
    String plan = """
        {"apiVersion": "rehearsal/v1", "name": "p", "environment": "%s",
         "phases": {"smoke": [{"name": "s", "command": {"run": ["echo", "%s"]}}], "signoff": {}}}""";
    ApiClient api = new ApiClient(port);
    for (String[] attempt : new String[][] {{"staging", "${file:" + USERS_FILE + "}"}, {"staging", "${file:" + DATA + "/index/runs.jsonl}"},
        {"staging", "${file:/proc/self/environ}"}, {"staging", "${file:/proc/1/../self/environ}"},
        {"prod-like", "${env:REHEARSAL_SECURITY_USERS_0_TOKEN}"}}) {
      ApiClient.Response response = api.post("/api/v1/plans/validate", ALICE, "application/json", plan.formatted(attempt[0], attempt[1]));
      assertThat(response.status()).as(attempt[1]).isEqualTo(400);
      assertThat(response.json().get("problems").get(0).get("message").asText()).as(attempt[1])
          .endsWith("is the worker's own configuration or data, never a plan's secret");
    }
  }

  @Test
  void aPlanMayLetItsInitiatorApproveOnlyWhereThePolicyAllowsIt() {
    String plan = """
        {"apiVersion": "rehearsal/v1", "name": "self-sign", "environment": "%s",
         "phases": {"smoke": [{"name": "s", "command": {"run": ["true"]}}], "signoff": {"allowInitiator": true}}}""";
    ApiClient api = new ApiClient(port);

    ApiClient.Response staging = api.post("/api/v1/rehearsals", ALICE, "application/json",
        "{\"releaseCandidate\": \"v1\", \"plan\": " + plan.formatted("staging") + "}");
    assertThat(staging.status()).as(staging.body()).isEqualTo(400);
    assertThat(staging.json().get("problems").get(0).get("path").asText()).isEqualTo("phases.signoff.allowInitiator");
    assertThat(staging.json().get("problems").get(0).get("message").asText())
        .contains("never lets the initiator sign off (rehearsal.policies.default.initiatorMayApprove)");
    assertThat(api.post("/api/v1/plans/validate", ALICE, "application/json", plan.formatted("sandbox")).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/rehearsals", ALICE).json().get("items")).isEmpty();
  }
}
