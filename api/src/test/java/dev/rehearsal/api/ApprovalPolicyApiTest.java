package dev.rehearsal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.testing.Await;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 14, items 3 and 4: the server's approval policy per environment, which plans may only tighten; users' groups;
 * approver rules per group, where each approval counts toward one rule only; who may start runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApprovalPolicyApiTest {
  /** name, roles, token, groups. */
  private static final String[][] USERS = {
      {"alice", "ENGINEER", "alice-token", "release"},            // starts staging runs
      {"sam", "ENGINEER", "sam-token", ""},                       // an engineer who is no starter for staging
      {"erin", "ENGINEER,APPROVER", "erin-token", "dba,release"}, // starts, and would like to approve her own runs
      {"dana", "APPROVER", "dana-token", "dba,qa"},               // one person in two groups
      {"dan", "APPROVER", "dan-token", "dba"},
      {"quinn", "APPROVER", "quinn-token", "qa"},
      {"bob", "APPROVER,AUDITOR", "bob-token", ""},               // an approver in no group
      {"greta", "ENGINEER", "greta-token", "dba"}};               // in the group, without the APPROVER role

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    registry.add("rehearsal.data-dir", () -> tempDir());
    registry.add("temporal.local-port", () -> "0");
    LocalApp.registerUsers(registry, USERS);
    registry.add("rehearsal.policies.default.minApprovers", () -> "1");
    registry.add("rehearsal.policies.environments.staging.minApprovers", () -> "2");
    registry.add("rehearsal.policies.environments.staging.requiredGroups", () -> "dba");
    registry.add("rehearsal.policies.environments.staging.maxSignoffTimeout", () -> "72h");
    registry.add("rehearsal.policies.environments.staging.starters", () -> "release");
    registry.add("rehearsal.policies.environments.sandbox.initiatorMayApprove", () -> "true");
    registry.add("rehearsal.policies.environments.sandbox.starters", () -> "ENGINEER");
  }

  private static String tempDir() {
    try {
      return Files.createTempDirectory("rehearsal-policy-test").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aPlanAskingForLessThanThePolicyIsRefusedNamingThePolicyAndNothingStarts() {
    String weaker = plan("weaker", "staging",
        "{ approvers: [ { group: qa, required: 1 } ], allowInitiator: true, timeout: 96h }");

    ApiClient.Response started = api().post("/api/v1/rehearsals", "alice-token", "application/yaml", weaker);

    assertThat(started.status()).as(started.body()).isEqualTo(400);
    assertThat(started.contentType()).startsWith("application/problem+json");
    assertThat(problems(started)).containsExactlyInAnyOrder(
        "phases.signoff.allowInitiator: the approval policy for environment staging never lets the initiator sign off"
            + " (rehearsal.policies.default.initiatorMayApprove); a plan may only tighten it",
        "phases.signoff.approvers: asks for 1 approver(s); the approval policy for environment staging requires at least 2"
            + " (rehearsal.policies.environments.staging.minApprovers); a plan may only tighten it. Each approval counts"
            + " toward one rule only, so the rules' 'required' add up",
        "phases.signoff.approvers: has no rule for group dba, which the approval policy for environment staging requires"
            + " (rehearsal.policies.environments.staging.requiredGroups); add { group: dba, required: 1 }",
        "phases.signoff.timeout: 96h is longer than the approval policy for environment staging allows: at most 72h"
            + " (rehearsal.policies.environments.staging.maxSignoffTimeout); a plan may only tighten it");
    ApiClient.Response validated = api().post("/api/v1/plans/validate", "alice-token", "application/yaml",
        weaker.substring(weaker.indexOf("plan:") + "plan:".length()).stripIndent());
    assertThat(validated.status()).isEqualTo(400);
    assertThat(validated.json().get("problems")).hasSize(4);
    assertThat(listed("weaker")).isEmpty();
  }

  @Test
  void approverRulesNoConfiguredUsersCanMeetAreRefusedBeforeAnyRunStarts() {
    ApiClient.Response nobodyInSre = api().post("/api/v1/rehearsals", "alice-token", "application/yaml", plan("sre", "staging",
        "{ approvers: [ { group: dba, required: 1 }, { group: sre, required: 1 } ] }"));
    ApiClient.Response tooFewQa = api().post("/api/v1/rehearsals", "alice-token", "application/yaml", plan("qa3", "staging",
        "{ approvers: [ { group: dba, required: 1 }, { group: qa, required: 3 } ] }"));

    assertThat(nobodyInSre.status()).as(nobodyInSre.body()).isEqualTo(400);
    assertThat(problems(nobodyInSre)).containsExactly("phases.signoff.approvers[1]: the rule group sre \u00d71 needs 1"
        + " approval(s), but no configured user (rehearsal.security.users) could count toward it, so the run would still"
        + " wait for group sre (1 more). Each approval counts toward one rule only, so one person in two groups fills one"
        + " of them");
    // dana and quinn are the only approvers in qa.
    assertThat(tooFewQa.status()).as(tooFewQa.body()).isEqualTo(400);
    assertThat(problems(tooFewQa).get(0)).contains("would still wait for group qa (1 more)");
    ApiClient.Response danaCannotBeBoth = api().post("/api/v1/plans/validate", "alice-token", "application/yaml", """
        apiVersion: rehearsal/v1
        name: qa2
        environment: qa-only
        phases:
          signoff: { approvers: [ { group: qa, required: 2 }, { group: dba, required: 2 } ] }
        """);
    // qa needs dana and quinn, so dba has erin and dan: met. A third qa place could not be.
    assertThat(danaCannotBeBoth.status()).as(danaCannotBeBoth.body()).isEqualTo(200);
    assertThat(listed("sre")).isEmpty();
    assertThat(listed("qa3")).isEmpty();
  }

  @Test
  void onlyTheEnvironmentsStartersStartRuns() {
    ApiClient.Response refused = api().post("/api/v1/rehearsals", "sam-token", "application/yaml", plan("by-sam", "staging", "{}"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("detail").asText()).isEqualTo("sam may not start runs for environment staging: the"
        + " approval policy lets only [release] start them (rehearsal.policies.environments.staging.starters), and sam"
        + " holds roles [ENGINEER] and groups []");
    assertThat(listed("by-sam")).isEmpty();
    assertThat(api().post("/api/v1/rehearsals", "sam-token", "application/yaml", plan("by-sam-sandbox", "sandbox", "{}"))
        .status()).as("ENGINEER starts sandbox runs").isEqualTo(201);

    JsonNode export = api().get("/api/v1/audit/export?plan=by-sam", "bob-token").json();
    assertThat(export.get("runs")).as("it never became a run").isEmpty();
    assertThat(export.at("/refusedStarts/0/actor").asText()).as("but auditors see the refused start").isEqualTo("sam");
    assertThat(export.at("/refusedStarts/0/environment").asText()).isEqualTo("staging");
    assertThat(export.at("/refusedStarts/0/reason").asText()).startsWith("sam may not start runs for environment staging");
    assertThat(export.at("/refusedStarts/0/at").asText()).isNotBlank();
    String csv = api().get("/api/v1/audit/export?format=csv&plan=by-sam", "bob-token").body();
    assertThat(csv).contains("\r\n,by-sam,staging,,sam,,,,,,START,REFUSED,sam,");
    assertThat(api().get("/api/v1/audit/export?plan=by-sam&status=RUNNING", "bob-token").json().get("refusedStarts"))
        .as("a status filter selects runs only").isEmpty();
  }

  @Test
  void aStartBodyCannotNameItsInitiatorOrPolicy() {
    ApiClient.Response refused = api().post("/api/v1/rehearsals", "alice-token", "application/yaml",
        "initiator: dana\npolicy: { minApprovers: 0 }\n" + plan("forged", "sandbox", "{}"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(problems(refused)).contains("initiator: unknown key; a start request has plan, releaseCandidate and parameters",
        "policy: unknown key; a start request has plan, releaseCandidate and parameters");
    assertThat(listed("forged")).isEmpty();
  }

  /**
   * Hostile finding 3: "Staging", "staging ", a Cyrillic look-alike ran under the default policy, and let sam start
   * what the staging policy keeps for release.
   */
  @Test
  void anotherSpellingOfAnEnvironmentCannotEscapeItsPolicy() {
    for (String spelling : List.of("Staging", "STAGING")) {
      ApiClient.Response started = api().post("/api/v1/rehearsals", "alice-token", "application/yaml",
          plan("spelled-" + spelling, spelling, "{}"));
      assertThat(started.status()).as(started.body()).isEqualTo(400);
      assertThat(problems(started)).containsExactly("environment: '" + spelling + "' is environment 'staging' spelled"
          + " another way: write it as 'staging'. Environments are compared exactly, and the approval policy for"
          + " 'staging' (rehearsal.policies.environments.staging) applies to that spelling only");
      ApiClient.Response validated = api().post("/api/v1/plans/validate", "sam-token", "application/yaml",
          plan("spelled-" + spelling, spelling, "{}"));
      assertThat(validated.status()).as(validated.body()).isEqualTo(400);
      assertThat(problems(validated)).contains(problems(started).get(0));
    }
    for (String notAName : List.of("\"staging \"", "staging.", "\"\u0455taging\"", "\"stag ing\"")) {
      ApiClient.Response started = api().post("/api/v1/rehearsals", "sam-token", "application/yaml",
          plan("not-a-name", notAName, "{}"));
      assertThat(started.status()).as(notAName + ": " + started.body()).isEqualTo(400);
      assertThat(problems(started).get(0)).as(notAName).startsWith("environment: '").contains("is not an environment"
          + " name: an environment name is 1 to 63 ASCII letters, digits, '.', '_' or '-', starting and ending with a"
          + " letter or digit");
    }
    assertThat(api().get("/api/v1/rehearsals", "bob-token").json().get("items").toString())
        .doesNotContain("spelled-").doesNotContain("not-a-name");
  }

  /**
   * Hostile finding 9: an environment from the run's parameters was judged, as written, against the default policy,
   * then silently tightened at start. Now start and validation judge the environment the parameters name.
   */
  @Test
  void anEnvironmentFromTheParametersIsJudgedByThePolicyOfTheEnvironmentTheyName() {
    String templated = plan("templated", "${parameters.env}", "{ approvers: { role: APPROVER, required: 1 }, timeout: 100h }");
    ApiClient.Response started = api().post("/api/v1/rehearsals", "alice-token", "application/yaml",
        templated + "parameters: { env: staging }\n");
    assertThat(started.status()).as(started.body()).isEqualTo(400);
    assertThat(problems(started)).anyMatch(p -> p.contains("rehearsal.policies.environments.staging.minApprovers"))
        .anyMatch(p -> p.contains("rehearsal.policies.environments.staging.requiredGroups"))
        .anyMatch(p -> p.contains("at most 72h (rehearsal.policies.environments.staging.maxSignoffTimeout)"));
    ApiClient.Response validatedForStaging = api().post("/api/v1/plans/validate", "alice-token", "application/yaml",
        templated + "parameters: { env: staging }\n");
    assertThat(validatedForStaging.status()).isEqualTo(400);
    assertThat(problems(validatedForStaging)).containsExactlyInAnyOrderElementsOf(problems(started));

    ApiClient.Response misspelled = api().post("/api/v1/rehearsals", "alice-token", "application/yaml",
        templated + "parameters: { env: Staging }\n");
    assertThat(misspelled.status()).as(misspelled.body()).isEqualTo(400);
    assertThat(problems(misspelled).get(0)).startsWith("environment: 'Staging' is environment 'staging' spelled another way");

    ApiClient.Response bare = api().post("/api/v1/plans/validate", "alice-token", "application/yaml",
        templated.substring(templated.indexOf("plan:") + "plan:".length()).stripIndent());
    assertThat(bare.status()).as(bare.body()).isEqualTo(400);
    assertThat(problems(bare)).containsExactly("environment: comes from parameter(s) [env], and the approval policy"
        + " depends on the environment: validate a start request body that gives them ({\"plan\": ..., \"parameters\":"
        + " {...}}), as the start will judge the plan for the environment they name");

    ApiClient.Response forSandbox = api().post("/api/v1/plans/validate", "sam-token", "application/yaml",
        templated + "parameters: { env: sandbox }\n");
    assertThat(forSandbox.status()).as(forSandbox.body()).isEqualTo(200);
    assertThat(forSandbox.json().get("environment").asText()).isEqualTo("sandbox");
    ApiClient.Response inSandbox = api().post("/api/v1/rehearsals", "sam-token", "application/yaml",
        templated + "parameters: { env: sandbox }\n");
    assertThat(inSandbox.status()).as(inSandbox.body()).isEqualTo(201);
    assertThat(listed("templated").get(0).get("environment").asText()).isEqualTo("sandbox");
  }

  @Test
  void groupRulesCountEachApprovalOnceAndTheRunShowsThePolicyThatApplied() {
    String id = startAndAwait("alice-token", plan("two-groups", "staging",
        "{ approvers: [ { group: dba, required: 1 }, { group: qa, required: 1 } ] }"));
    JsonNode approvals = state(id).get("approvals");
    assertThat(approvals.get("required").asInt()).isEqualTo(2);
    assertThat(approvals.get("timeout").asText()).isEqualTo("72h");
    assertThat(approvals.get("rules").toString()).isEqualTo("[{\"required\":1,\"group\":\"dba\"},{\"required\":1,\"group\":\"qa\"}]");
    JsonNode policy = approvals.get("policy");
    assertThat(policy.get("source").asText()).isEqualTo("rehearsal.policies.environments.staging over rehearsal.policies.default");
    assertThat(policy.get("minApprovers").asInt()).isEqualTo(2);
    assertThat(policy.get("requiredGroups").toString()).isEqualTo("[\"dba\"]");
    assertThat(policy.get("initiatorMayApprove").asBoolean()).isFalse();

    for (String withoutTheRole : List.of("alice-token", "greta-token")) {
      ApiClient.Response refused = approve(id, withoutTheRole);
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().get("detail").asText()).isEqualTo("signing off needs the APPROVER role");
    }
    ApiClient.Response noGroup = approve(id, "bob-token");
    assertRefused(noGroup, 403, "CountsTowardNoRule");
    assertThat(noGroup.json().get("detail").asText()).isEqualTo("bob (groups []) meets no approver rule still open; the"
        + " run waits for group dba (1 more), group qa (1 more). Each approval counts toward one rule only, so one person"
        + " in two groups fills one of them");

    ApiClient.Response both = approve(id, "dana-token");
    assertThat(both.status()).as(both.body()).isEqualTo(200);
    assertThat(both.json().get("status").asText()).as("dana is in dba and qa, and counts once").isEqualTo("AWAITING_APPROVAL");
    assertThat(both.json().get("approvals").asInt()).isEqualTo(1);
    ApiClient.Response dba = approve(id, "dan-token");
    assertThat(dba.json().get("status").asText()).as("dan takes dba, dana counts for qa").isEqualTo("SUCCEEDED");

    JsonNode done = awaitState(id, s -> s.get("status").asText().equals("SUCCEEDED"));
    assertThat(done.get("approvals").get("refused")).extracting(r -> r.get("actor").asText())
        .containsExactly("alice", "greta", "bob");
    String report = api().get("/api/v1/rehearsals/" + id + "/report", "bob-token", Map.of("Accept", "text/markdown")).body();
    assertThat(report).contains("Rules in force", "group dba \u00d71, group qa \u00d71 (each approval counts toward one rule);"
        + " initiator may not approve; timeout 72h; policy rehearsal.policies.environments.staging over rehearsal.policies.default");
    JsonNode started = api().get("/api/v1/rehearsals/" + id + "/history", "bob-token").json().get(0);
    assertThat(started.get("type").asText()).isEqualTo("RUN_STARTED");
    assertThat(started.get("detail").get("policy").get("minApprovers").asInt()).as("the policy, from history").isEqualTo(2);
    JsonNode exported = api().get("/api/v1/audit/export?format=json&plan=two-groups", "bob-token").json();
    assertThat(exported.get("runs").get(0).get("policy").get("source").asText()).contains("environments.staging");
    assertThat(exported.get("runs").get(0).get("approverRules")).hasSize(2);
  }

  @Test
  void theInitiatorNeverApprovesUnlessPlanAndPolicyBothAllowIt() {
    // Staging: the policy says never, so a plan asking for it is refused and erin's approval of her own run too.
    ApiClient.Response asking = api().post("/api/v1/rehearsals", "erin-token", "application/yaml",
        plan("erin-asks", "staging", "{ allowInitiator: true }"));
    assertThat(asking.status()).isEqualTo(400);
    assertThat(problems(asking)).singleElement().asString().startsWith("phases.signoff.allowInitiator:");
    String staging = startAndAwait("erin-token", plan("erin-staging", "staging", "{}"));
    assertRefused(approve(staging, "erin-token"), 403, "InitiatorMayNotApprove");
    assertThat(state(staging).get("approvals").get("rules").toString())
        .isEqualTo("[{\"required\":1,\"group\":\"dba\"},{\"role\":\"APPROVER\",\"required\":1}]");

    // Sandbox: the policy allows it, but only a plan that asks lets her.
    String silent = startAndAwait("erin-token", plan("erin-silent", "sandbox", "{}"));
    assertRefused(approve(silent, "erin-token"), 403, "InitiatorMayNotApprove");
    String allowed = startAndAwait("erin-token", plan("erin-allowed", "sandbox", "{ allowInitiator: true }"));
    ApiClient.Response own = approve(allowed, "erin-token");
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.json().get("status").asText()).isEqualTo("SUCCEEDED");
  }

  private ApiClient api() {
    return new ApiClient(port);
  }

  private static String plan(String name, String environment, String signoff) {
    return """
        releaseCandidate: v1
        plan:
          apiVersion: rehearsal/v1
          name: %s
          environment: %s
          phases:
            signoff: %s
        """.formatted(name, environment, signoff);
  }

  private ApiClient.Response approve(String id, String token) {
    return api().postJson("/api/v1/rehearsals/" + id + "/approvals", token, Map.of("decision", "APPROVE", "comment", "ok"));
  }

  private static void assertRefused(ApiClient.Response response, int status, String reason) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("reason").asText()).isEqualTo(reason);
  }

  private static List<String> problems(ApiClient.Response response) {
    List<String> problems = new ArrayList<>();
    response.json().get("problems").forEach(p -> problems.add(p.get("path").asText() + ": " + p.get("message").asText()));
    return problems;
  }

  private JsonNode listed(String plan) {
    return api().get("/api/v1/rehearsals?plan=" + plan, "bob-token").json().get("items");
  }

  private String startAndAwait(String token, String body) {
    ApiClient.Response started = api().post("/api/v1/rehearsals", token, "application/yaml", body);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().get("id").asText();
    awaitState(id, s -> s.get("status").asText().equals("AWAITING_APPROVAL"));
    return id;
  }

  private JsonNode state(String id) {
    return api().get("/api/v1/rehearsals/" + id, "bob-token").json();
  }

  private JsonNode awaitState(String id, Predicate<JsonNode> done) {
    return Await.value(() -> state(id), done, "the state of " + id);
  }
}
