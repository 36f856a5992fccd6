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
 * Issue 14, item 4: a run never waits for a combination of people nobody can give. At start and on validation alike, the
 * approver rules in force must be met all at once by different configured users (each approval counts toward one rule
 * only; the initiator, or the caller, left out unless they may approve), and every manual step must have someone who may
 * complete it. Validation also says when the caller may not start runs for the plan's environment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MeetablePlanApiTest {
  /** name, roles, token, groups. */
  private static final String[][] USERS = {
      {"alice", "ENGINEER", "alice-token", "release"},    // starts staging runs
      {"sam", "ENGINEER", "sam-token", ""},               // no starter for staging
      {"dana", "APPROVER", "dana-token", "dba,qa,sec"},   // the only approver in qa and in sec; one of two in dba
      {"dan", "APPROVER", "dan-token", "dba"},
      {"erin", "ENGINEER,APPROVER", "erin-token", "sre"}, // the only member of sre, and an initiator
      {"bob", "AUDITOR", "bob-token", ""}};

  private static final String ONE_RULE_EACH = "Each approval counts toward one rule only, so one person in two groups"
      + " fills one of them";

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    String data = Files.createTempDirectory("rehearsal-meetable-test").toString();
    registry.add("rehearsal.data-dir", () -> data);
    registry.add("temporal.local-port", () -> "0");
    LocalApp.registerUsers(registry, USERS);
    registry.add("rehearsal.policies.environments.staging.starters", () -> "release");
    registry.add("rehearsal.policies.environments.sandbox.initiatorMayApprove", () -> "true");
    registry.add("rehearsal.policies.environments.locked.requiredGroups", () -> "ops");
  }

  @Test
  void rulesMetOnlyWhenThePersonInTwoGroupsTakesTheRightOneAreAccepted() {
    // dana is the only approver in qa, so qa must be hers and dba dan's: the server finds that seating.
    String plan = plan("dual", "lab", "{ approvers: [ { group: dba, required: 1 }, { group: qa, required: 1 } ] }", "");

    assertThat(validate("alice-token", plan).status()).isEqualTo(200);
    ApiClient.Response started = start("alice-token", plan);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    assertThat(listed("dual")).hasSize(1);
  }

  @Test
  void rulesNeedingMorePeopleThanExistAreRefusedAtTheirPathAndNothingStarts() {
    String oneForTwo = plan("one-for-two", "lab", "{ approvers: [ { group: qa, required: 1 }, { group: sec, required: 1 } ] }", "");
    String threeDbas = plan("three-dbas", "lab", "{ approvers: [ { group: sre, required: 1 }, { group: dba, required: 3 } ] }", "");
    String fiveApprovers = plan("five", "lab", "{ approvers: { required: 5 } }", "");

    assertThat(refusal("alice-token", oneForTwo)).containsExactly("phases.signoff.approvers: the rules group qa \u00d71 ([0])"
        + " and group sec \u00d71 ([1]) need 2 approvals from different people, but only 1 configured user"
        + " (rehearsal.security.users) could count toward any of them, so the run would still wait for 1 more. " + ONE_RULE_EACH);
    assertThat(refusal("alice-token", threeDbas)).containsExactly("phases.signoff.approvers[1]: the rule group dba \u00d73"
        + " needs 3 approval(s), but only 2 configured users (rehearsal.security.users) could count toward it, so the run"
        + " would still wait for group dba (1 more). " + ONE_RULE_EACH);
    assertThat(refusal("alice-token", fiveApprovers)).as("the old { role, required } form too").containsExactly(
        "phases.signoff.approvers: the rule role APPROVER \u00d75 needs 5 approval(s), but only 3 configured users"
            + " (rehearsal.security.users) could count toward it, so the run would still wait for role APPROVER (2 more). "
            + ONE_RULE_EACH);
    String policyOnly = plan("ops-policy", "locked", "{}", "");
    assertThat(refusal("alice-token", policyOnly)).as("a rule the policy fills in").containsExactly(
        "phases.signoff: the rule group ops \u00d71 (filled in from the approval policy,"
            + " rehearsal.policies.environments.locked over rehearsal.policies.default) needs 1 approval(s), but no"
            + " configured user (rehearsal.security.users) could count toward it, so the run would still wait for group"
            + " ops (1 more). " + ONE_RULE_EACH);
    assertThat(listed("one-for-two")).isEmpty();
    assertThat(listed("three-dbas")).isEmpty();
    assertThat(listed("five")).isEmpty();
    assertThat(listed("ops-policy")).isEmpty();
  }

  @Test
  void theInitiatorIsNotCountedTowardARuleUnlessTheyMayApprove() {
    String onlyErin = plan("only-erin", "lab", "{ approvers: [ { group: sre, required: 1 } ] }", "");

    assertThat(refusal("erin-token", onlyErin)).as("erin starts it, so she may not approve it").containsExactly(
        "phases.signoff.approvers[0]: the rule group sre \u00d71 needs 1 approval(s), but no configured user"
            + " (rehearsal.security.users) could count toward it (not counting you: whoever starts the run may not"
            + " approve it), so the run would still wait for group sre (1 more). " + ONE_RULE_EACH);
    assertThat(listed("only-erin")).isEmpty();
    assertThat(validate("alice-token", onlyErin).status()).as("alice's run erin may approve").isEqualTo(200);
    assertThat(start("alice-token", onlyErin).status()).isEqualTo(201);

    String allowed = plan("erin-allowed", "sandbox", "{ approvers: [ { group: sre, required: 1 } ], allowInitiator: true }", "");
    assertThat(validate("erin-token", allowed).status()).as("where plan and policy let her approve").isEqualTo(200);
    assertThat(start("erin-token", allowed).status()).isEqualTo(201);
  }

  @Test
  void aManualStepNobodyMayCompleteIsRefusedAtItsPath() {
    String steps = """
        smoke:
          - { name: ops-check, manual: { instructions: "Dashboards?", by: { group: ops } } }
          - { name: sre-check, manual: { instructions: "Alerts?", by: { group: sre }, initiatorMayComplete: false } }
          - { name: audit-check, manual: { instructions: "Backout plan?", by: { role: AUDITOR } } }
          - { name: peer-check, manual: { instructions: "Same config?", initiatorMayComplete: false } }
        """;
    String plan = plan("manual-nobody", "lab", "{}", steps);

    assertThat(refusal("erin-token", plan)).containsExactly(
        "phases.smoke[0].manual.by: no configured user (rehearsal.security.users) is in group ops, so nobody could"
            + " complete step ops-check and the run would wait for it until its timeout",
        "phases.smoke[1].manual.by: no configured user (rehearsal.security.users) is in group sre but you, and the step"
            + " says whoever starts the run may not complete it (initiatorMayComplete: false), so nobody could complete"
            + " step sre-check and the run would wait for it until its timeout");
    assertThat(listed("manual-nobody")).isEmpty();
  }

  @Test
  void validationSaysWhenTheCallerMayNotStartRunsForTheEnvironmentAndStartStill403s() {
    String plan = plan("by-sam", "staging", "{}", "");

    ApiClient.Response validated = validate("sam-token", plan);
    assertThat(validated.status()).as(validated.body()).isEqualTo(400);
    assertThat(problems(validated)).containsExactly("environment: sam may not start runs for environment staging: the"
        + " approval policy lets only [release] start them (rehearsal.policies.environments.staging.starters), and sam"
        + " holds roles [ENGINEER] and groups []");
    ApiClient.Response started = start("sam-token", plan);
    assertThat(started.status()).as(started.body()).isEqualTo(403);
    assertThat(started.json().get("detail").asText()).isEqualTo(validated.json().get("problems").get(0).get("message").asText());
    assertThat(listed("by-sam")).isEmpty();
    assertThat(validate("alice-token", plan).status()).isEqualTo(200);
  }

  /** The problems a start answers, after asserting validation answers the very same and no run started. */
  private List<String> refusal(String token, String plan) {
    ApiClient.Response started = start(token, plan);
    assertThat(started.status()).as(started.body()).isEqualTo(400);
    assertThat(started.contentType()).startsWith("application/problem+json");
    ApiClient.Response validated = validate(token, plan);
    assertThat(validated.status()).as(validated.body()).isEqualTo(400);
    assertThat(problems(validated)).as("validation answers as start does").isEqualTo(problems(started));
    return problems(started);
  }

  private ApiClient api() {
    return new ApiClient(port);
  }

  private ApiClient.Response start(String token, String plan) {
    return api().post("/api/v1/rehearsals", token, "application/yaml", "releaseCandidate: v1\nplan:\n" + plan.indent(2));
  }

  private ApiClient.Response validate(String token, String plan) {
    return api().post("/api/v1/plans/validate", token, "application/yaml", plan);
  }

  private static String plan(String name, String environment, String signoff, String steps) {
    return """
        apiVersion: rehearsal/v1
        name: %s
        environment: %s
        phases:
        %s  signoff: %s
        """.formatted(name, environment, steps.indent(2), signoff);
  }

  private static List<String> problems(ApiClient.Response response) {
    List<String> problems = new ArrayList<>();
    response.json().get("problems").forEach(p -> problems.add(p.get("path").asText() + ": " + p.get("message").asText()));
    return problems;
  }

  private List<String> listed(String plan) {
    List<String> ids = new ArrayList<>();
    api().get("/api/v1/rehearsals?plan=" + plan, "bob-token").json().get("items").forEach(run -> ids.add(run.get("id").asText()));
    return ids;
  }
}
