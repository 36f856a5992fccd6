package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {

  private static final String HEADER =
      """
      apiVersion: rehearsal/v1
      name: checkout-release
      environment: staging
      """;

  private static final String VALID_PLAN =
      HEADER
          + """
          description: Rehearse the checkout release against a copy of the shop database
          targets:
            shopdb:
              postgres:
                url: postgresql://rehearsal:${env:PG_PASSWORD}@staging-db.internal:5432/shop
            api:
              http:
                baseUrl: https://api.staging.example.com:8443
                headers:
                  Authorization: Bearer ${env:API_TOKEN}
          defaults:
            retry:
              maxAttempts: 5
              initialInterval: 1s
              backoffCoefficient: 1.5
              maximumInterval: 30s
            timeout: 15m
          phases:
            preflight:
              - name: check-tools
                command:
                  run: [psql, --version]
            migrate:
              - name: apply-migrations
                retry:
                  maxAttempts: 1
                command:
                  run: ./migrate.sh --to ${parameters.version} && echo done
                  shell: true
                  timeout: 20m
                  writes: [shopdb]
                  env:
                    PGPASSWORD: ${file:/run/secrets/pg}
                  expect:
                    exit: [0, 3]
                    outputMatches: "migrated to \\\\d+"
            smoke:
              - name: health
                http:
                  target: api
                  path: /health
                  expect:
                    status: 200
                    json:
                      /status: UP
                      /checks/db: true
                      /replicas: 2
                    maxLatencyMs: 500
              - name: create-order
                http:
                  target: api
                  path: /orders
                  method: post
                  body:
                    sku: ABC-1
                    quantity: 2
                  expect:
                    status: [201, 202]
            rollback:
              - name: migrate-down
                command:
                  run: [./migrate.sh, --down]
                  writes: [shopdb]
              - name: smoke-after-rollback
                rerun: smoke
            signoff:
              approvers:
                role: APPROVER
                required: 2
              allowInitiator: false
              timeout: 48h
          """;

  @Test
  void completePlanHasNoProblems() {
    assertThat(PlanParser.problems(PlanParser.readTree(VALID_PLAN))).isEmpty();
  }

  @Test
  void completePlanBinds() {
    Plan plan = PlanParser.bind(PlanParser.readTree(VALID_PLAN), Map.of("version", "2024.06"));

    assertThat(plan.name()).isEqualTo("checkout-release");
    assertThat(plan.guard()).isEqualTo(Plan.Guard.DEFAULT);
    assertThat(plan.defaults().retry()).isEqualTo(new RetrySpec(5, "1s", 1.5, "30s"));
    assertThat(plan.defaults().timeout()).isEqualTo("15m");
    assertThat(plan.targets().get("shopdb").address())
        .isEqualTo("postgresql://rehearsal:${env:PG_PASSWORD}@staging-db.internal:5432/shop");
    assertThat(plan.targets().get("api").http().headers()).containsEntry("Authorization", "Bearer ${env:API_TOKEN}");
    assertThat(plan.phases().signoff().required()).isEqualTo(2);
    assertThat(plan.phases().signoff().timeoutOrDefault()).isEqualTo("48h");
    assertThat(plan.steps(Phase.SNAPSHOT)).isEmpty();
  }

  @Test
  void boundStepRetryOverridesOnlyTheFieldsItSets() {
    Plan plan = PlanParser.bind(PlanParser.readTree(VALID_PLAN), Map.of("version", "2024.06"));

    StepSpec migrate = plan.steps(Phase.MIGRATE).get(0);
    assertThat(migrate.retry()).isEqualTo(new RetrySpec(1, null, null, null));
    assertThat(migrate.retry().orElse(plan.defaults().retry())).isEqualTo(new RetrySpec(1, "1s", 1.5, "30s"));
  }

  @Test
  void shellCommandWrittenAsOneStringBindsToAOneElementList() {
    Plan plan = PlanParser.bind(PlanParser.readTree(VALID_PLAN), Map.of("version", "2024.06"));

    CommandSpec command = plan.steps(Phase.MIGRATE).get(0).body(CommandSpec.class);
    assertThat(command.shell()).isTrue();
    assertThat(command.run()).containsExactly("./migrate.sh --to 2024.06 && echo done");
    assertThat(command.writes()).containsExactly("shopdb");
    assertThat(command.expect().exit()).containsExactly(0, 3);
    assertThat(command.expect().outputMatches()).isEqualTo("migrated to \\d+");
  }

  @Test
  void argvCommandBindsToItsArguments() {
    Plan plan = PlanParser.bind(PlanParser.readTree(VALID_PLAN), Map.of("version", "2024.06"));

    CommandSpec command = plan.steps(Phase.PREFLIGHT).get(0).body(CommandSpec.class);
    assertThat(command.shell()).isFalse();
    assertThat(command.run()).containsExactly("psql", "--version");
    assertThat(command.expect()).isEqualTo(CommandSpec.Expect.SUCCESS);
  }

  @Test
  void httpStepBindsItsExpectations() {
    Plan plan = PlanParser.bind(PlanParser.readTree(VALID_PLAN), Map.of("version", "2024.06"));

    StepSpec health = plan.steps(Phase.SMOKE).get(0);
    assertThat(health.kind()).isEqualTo(StepKind.HTTP);
    assertThat(health.body(HttpSpec.class).method()).isEqualTo("GET");
    assertThat(health.body(HttpSpec.class).expect().status()).containsExactly(200);
    assertThat(health.body(HttpSpec.class).expect().maxLatencyMs()).isEqualTo(500L);
    assertThat(health.body(HttpSpec.class).expect().json())
        .containsOnly(
            Map.entry("/status", TextNode.valueOf("UP")),
            Map.entry("/checks/db", BooleanNode.TRUE),
            Map.entry("/replicas", IntNode.valueOf(2)));

    HttpSpec createOrder = plan.steps(Phase.SMOKE).get(1).body(HttpSpec.class);
    assertThat(createOrder.method()).isEqualTo("POST");
    assertThat(createOrder.expect().status()).containsExactly(201, 202);
    assertThat(createOrder.body().path("sku").asText()).isEqualTo("ABC-1");
  }

  @Test
  void rerunStepBindsToThePhaseName() {
    Plan plan = PlanParser.bind(PlanParser.readTree(VALID_PLAN), Map.of("version", "2024.06"));

    StepSpec rerun = plan.steps(Phase.ROLLBACK).get(1);
    assertThat(rerun.kind()).isEqualTo(StepKind.RERUN);
    assertThat(rerun.body(RerunSpec.class).phase()).isEqualTo("smoke");
  }

  @Test
  void reportsEveryProblemOfABrokenPlanWithItsPath() {
    List<PlanProblem> problems =
        problemsOf(
            HEADER
                + """
                owner: team-checkout
                targets:
                  shopdb:
                    postgres:
                      url: postgresql://u@prod-db.internal:5432/shop
                  reporting:
                    readOnly: true
                    postgres:
                      url: postgresql://u@reporting.staging:5432/reports
                  api:
                    http:
                      baseUrl: https://api.staging.example.com
                phases:
                  preflight:
                    - name: warm-up
                      frobnicate: {}
                    - name: count-orders
                      sql:
                        target: reporting
                        query: select count(*) from orders
                        expect: { rows: lots }
                  restore:
                    - name: restore-reporting
                      postgres.restore:
                        to: reporting
                  migrate:
                    - name: migrate
                      command:
                        run: [./migrate.sh]
                        timeout: 5 minutes
                        writes: [shopdb]
                  smoke:
                    - name: health
                      http:
                        target: storefront
                        path: /health
                    - name: health
                      http:
                        target: api
                  verify:
                    - name: extra
                      command:
                        run: [./verify.sh]
                """);

    assertThat(problems)
        .extracting(PlanProblem::path)
        .containsExactlyInAnyOrder(
            "owner",
            "phases.verify",
            "phases.preflight[0].frobnicate",
            "phases.preflight[1].sql.expect.rows",
            "phases.restore[0].postgres.restore.to",
            "phases.restore[0].postgres.restore.from",
            "phases.migrate[0].command.timeout",
            "phases.migrate[0].command.writes[0]",
            "phases.smoke[0].http.target",
            "phases.smoke[1].name",
            "phases.signoff");
    assertThat(messageAt(problems, "owner")).contains("unknown key");
    assertThat(messageAt(problems, "phases.verify")).contains("unknown phase");
    assertThat(messageAt(problems, "phases.preflight[0].frobnicate")).contains("unknown step kind 'frobnicate'");
    assertThat(messageAt(problems, "phases.preflight[1].sql.expect.rows")).contains("comparison with a row count");
    assertThat(messageAt(problems, "phases.restore[0].postgres.restore.to")).contains("'reporting'", "readOnly");
    assertThat(messageAt(problems, "phases.restore[0].postgres.restore.from"))
        .contains("name the postgres.snapshot step", "the plan has none");
    assertThat(messageAt(problems, "phases.migrate[0].command.timeout")).contains("'5 minutes' is not a duration");
    assertThat(messageAt(problems, "phases.migrate[0].command.writes[0]"))
        .contains("'shopdb'", "production guard pattern 'prod'");
    assertThat(messageAt(problems, "phases.smoke[0].http.target")).contains("unknown target 'storefront'");
    assertThat(messageAt(problems, "phases.smoke[1].name"))
        .contains("duplicate step name 'health'", "phases.smoke[0]");
    assertThat(messageAt(problems, "phases.signoff")).contains("is required");
  }

  @Test
  void brokenPlanDoesNotBindAndCarriesEveryProblem() {
    JsonNode tree =
        PlanParser.readTree(
            HEADER
                + """
                owner: team-checkout
                phases:
                  smoke:
                    - name: health
                      frobnicate: {}
                """);

    InvalidPlanException e = catchThrowableOfType(() -> PlanParser.bind(tree, Map.of()), InvalidPlanException.class);

    assertThat(e.problems())
        .extracting(PlanProblem::path)
        .containsExactlyInAnyOrder("owner", "phases.smoke[0].frobnicate", "phases.signoff");
  }

  @Test
  void durationTooLargeToRepresentIsReportedAsAProblem() {
    List<PlanProblem> problems =
        problemsOf(
            HEADER
                + """
                defaults:
                  timeout: 99999999999999999999s
                phases:
                  signoff: {}
                """);

    assertThat(problems).extracting(PlanProblem::path).containsExactly("defaults.timeout");
    assertThat(problems.get(0).message()).contains("is not a duration");
  }

  @Test
  void rerunOfALaterPhaseIsRefused() {
    List<PlanProblem> problems =
        problemsOf(
            HEADER
                + """
                phases:
                  smoke:
                    - name: again
                      rerun: rollback
                  rollback:
                    - name: down
                      command:
                        run: [./down.sh]
                  signoff: {}
                """);

    assertThat(problems).extracting(PlanProblem::path).containsExactly("phases.smoke[0].rerun");
    assertThat(problems.get(0).message()).contains("can only rerun an earlier phase");
  }

  @Test
  void rerunOfItsOwnPhaseIsRefused() {
    List<PlanProblem> problems =
        problemsOf(
            HEADER
                + """
                phases:
                  smoke:
                    - name: check
                      command:
                        run: [./check.sh]
                    - name: again
                      rerun: smoke
                  signoff: {}
                """);

    assertThat(problems).extracting(PlanProblem::path).containsExactly("phases.smoke[1].rerun");
    assertThat(problems.get(0).message()).contains("can only rerun an earlier phase");
  }

  @Test
  void rerunOfAPhaseWithoutStepsIsRefused() {
    List<PlanProblem> problems =
        problemsOf(
            HEADER
                + """
                phases:
                  migrate: []
                  rollback:
                    - name: again
                      rerun: migrate
                  signoff: {}
                """);

    assertThat(problems).extracting(PlanProblem::path).containsExactly("phases.rollback[0].rerun");
    assertThat(problems.get(0).message()).contains("phase 'migrate' has no steps to rerun");
  }

  @Test
  void rerunOfAnAbsentPhaseIsRefused() {
    List<PlanProblem> problems =
        problemsOf(
            HEADER
                + """
                phases:
                  rollback:
                    - name: again
                      rerun: smoke
                  signoff: {}
                """);

    assertThat(problems).extracting(PlanProblem::path).containsExactly("phases.rollback[0].rerun");
    assertThat(problems.get(0).message()).contains("phase 'smoke' has no steps to rerun");
  }

  @Test
  void missingParameterAtBindTimeNamesTheParameterAndItsPath() {
    JsonNode tree =
        PlanParser.readTree(
            HEADER
                + """
                phases:
                  migrate:
                    - name: migrate
                      command:
                        run: [./migrate.sh, "--to=${parameters.version}"]
                  signoff: {}
                """);

    assertThat(PlanParser.problems(tree)).isEmpty();
    assertThatThrownBy(() -> PlanParser.bind(tree, Map.of("other", "x")))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> {
              assertThat(e.problems()).extracting(PlanProblem::path).containsExactly("phases.migrate[0].command.run[1]");
              assertThat(e.problems().get(0).message()).contains("parameter 'version' is not given");
            });
  }

  @Test
  void givenParametersAreSubstitutedIntoStrings() {
    Plan plan =
        PlanParser.bind(
            PlanParser.readTree(
                HEADER
                    + """
                    targets:
                      api:
                        http:
                          baseUrl: https://${parameters.host}:8443
                    phases:
                      smoke:
                        - name: version
                          http:
                            target: api
                            path: /version/${parameters.version}
                            expect:
                              json:
                                /version: ${parameters.version}
                                /build: build-${parameters.version}-${parameters.build}
                      signoff: {}
                    """),
            Map.of("host", "api.staging.example.com", "version", "2.4.0", "build", "17"));

    assertThat(plan.targets().get("api").http().baseUrl()).isEqualTo("https://api.staging.example.com:8443");
    HttpSpec http = plan.steps(Phase.SMOKE).get(0).body(HttpSpec.class);
    assertThat(http.path()).isEqualTo("/version/2.4.0");
    assertThat(http.expect().json())
        .containsOnly(
            Map.entry("/version", TextNode.valueOf("2.4.0")),
            Map.entry("/build", TextNode.valueOf("build-2.4.0-17")));
  }

  @Test
  void aMisspelledReferenceIsAProblemButShellVariablesAreLeftAlone() {
    List<PlanProblem> problems =
        problemsOf(
            HEADER
                + """
                phases:
                  preflight:
                    - name: hello
                      command:
                        run: [echo, "${parameter.rc}", "${HOME}", "${DB:-staging}"]
                  signoff: {}
                """);

    assertThat(problems).extracting(PlanProblem::path).containsExactly("phases.preflight[0].command.run[1]");
    assertThat(problems.get(0).message()).contains("unknown reference '${parameter.rc}'");
  }

  @Test
  void secretReferencesAreAcceptedAndLeftUntouchedByBind() {
    JsonNode tree =
        PlanParser.readTree(
            HEADER
                + """
                phases:
                  preflight:
                    - name: login
                      command:
                        run: [./login.sh, "--token=${env:DEPLOY_TOKEN}", "--key=${file:/run/secrets/key}"]
                        env:
                          PGPASSWORD: ${env:PG_PASSWORD}
                  signoff: {}
                """);

    assertThat(PlanParser.problems(tree)).isEmpty();
    CommandSpec command = PlanParser.bind(tree, Map.of("DEPLOY_TOKEN", "leaked")).steps(Phase.PREFLIGHT).get(0).body(CommandSpec.class);
    assertThat(command.run()).containsExactly("./login.sh", "--token=${env:DEPLOY_TOKEN}", "--key=${file:/run/secrets/key}");
    assertThat(command.env()).containsExactly(Map.entry("PGPASSWORD", "${env:PG_PASSWORD}"));
  }

  @Test
  void emptyDocumentIsOneProblemAtTheRoot() {
    InvalidPlanException e = catchThrowableOfType(() -> PlanParser.readTree(""), InvalidPlanException.class);

    assertThat(e.problems()).extracting(PlanProblem::path).containsExactly("");
    assertThat(e.problems().get(0).message()).contains("empty");
  }

  @Test
  void malformedYamlIsOneProblemAtTheRootNamingTheLine() {
    InvalidPlanException e =
        catchThrowableOfType(
            () ->
                PlanParser.readTree(
                    """
                    apiVersion: rehearsal/v1
                    name: demo
                      environment: staging
                    """),
            InvalidPlanException.class);

    assertThat(e.problems()).extracting(PlanProblem::path).containsExactly("");
    assertThat(e.problems().get(0).message()).contains("not valid YAML", "line 3");
  }

  @Test
  void documentThatIsNotAMappingIsOneProblemAtTheRoot() {
    assertThat(problemsOf("- just\n- a list\n")).extracting(PlanProblem::path).containsExactly("");
  }

  @Test
  void defaultGuardRefusesWritesToProductionLookingTargets() {
    List<PlanProblem> problems =
        problemsOf(
            HEADER
                + """
                targets:
                  shop:
                    postgres:
                      url: postgresql://u@db.internal:5432/production_shop
                  staging:
                    postgres:
                      url: postgresql://u@staging-db.internal:5432/shop
                phases:
                  migrate:
                    - name: migrate
                      command:
                        run: [./migrate.sh]
                        writes: [staging, shop]
                  signoff: {}
                """);

    assertThat(problems).extracting(PlanProblem::path).containsExactly("phases.migrate[0].command.writes[1]");
    assertThat(problems.get(0).message()).contains("'shop'", "production guard pattern 'prod'");
  }

  @Test
  void customGuardPatternsReplaceTheDefaults() {
    List<PlanProblem> problems =
        problemsOf(
            HEADER
                + """
                guard:
                  production: [live, primary]
                targets:
                  live:
                    postgres:
                      url: postgresql://u@live-db.internal:5432/shop
                  oldprod:
                    postgres:
                      url: postgresql://u@prod-db.internal:5432/shop
                phases:
                  migrate:
                    - name: migrate
                      command:
                        run: [./migrate.sh]
                        writes: [oldprod, live]
                  signoff: {}
                """);

    assertThat(problems).extracting(PlanProblem::path).containsExactly("phases.migrate[0].command.writes[1]");
    assertThat(problems.get(0).message()).contains("'live'", "production guard pattern 'live'");
  }

  @Test
  void customGuardPatternsBindIntoThePlan() {
    Plan plan =
        PlanParser.bind(
            PlanParser.readTree(
                HEADER
                    + """
                    guard:
                      production: [live]
                    phases:
                      signoff: {}
                    """),
            Map.of());

    assertThat(plan.guard().production()).containsExactly("live");
  }

  @Test
  void readingAProductionTargetWithoutWritingIsAllowed() {
    List<PlanProblem> problems =
        problemsOf(
            HEADER
                + """
                targets:
                  prodapi:
                    http:
                      baseUrl: https://api.prod.example.com
                phases:
                  smoke:
                    - name: health
                      http:
                        target: prodapi
                        path: /health
                  signoff: {}
                """);

    assertThat(problems).isEmpty();
  }

  @Test
  void plainStringRunWithoutShellIsRefused() {
    List<PlanProblem> problems =
        problemsOf(
            HEADER
                + """
                phases:
                  preflight:
                    - name: tools
                      command:
                        run: psql --version
                  signoff: {}
                """);

    assertThat(problems).extracting(PlanProblem::path).containsExactly("phases.preflight[0].command.run");
    assertThat(problems.get(0).message()).contains("must be a list of arguments", "shell: true");
  }

  @Test
  void limitsThatWouldOtherwiseStallARunAreRefusedUpFront() {
    List<PlanProblem> problems = problemsOf(HEADER + """
        defaults: { heartbeatTimeout: 2s }
        phases:
          smoke:
            - name: "a..b"
              retry: { initialInterval: 2m, maximumInterval: 1m }
              command: { run: ["true"], maxOutputBytes: 999999999999 }
          signoff: { timeout: 5000d }
        """);

    assertThat(problems).extracting(PlanProblem::path).containsExactlyInAnyOrder(
        "defaults.heartbeatTimeout", "phases.smoke[0].name", "phases.smoke[0].retry.maximumInterval",
        "phases.smoke[0].command.maxOutputBytes", "phases.signoff.timeout");
  }

  @Test
  void aRepeatedKeyIsRefusedInsteadOfSilentlyDroppingSteps() {
    assertThatThrownBy(() -> PlanParser.readTree(HEADER + """
        phases:
          smoke: [ { name: a, command: { run: ["true"] } } ]
          smoke: [ { name: b, command: { run: ["true"] } } ]
          signoff: {}
        """))
        .isInstanceOf(InvalidPlanException.class)
        .satisfies(e -> assertThat(((InvalidPlanException) e).problems().get(0).message()).contains("smoke", "line"));
  }

  private static List<PlanProblem> problemsOf(String yaml) {
    return PlanParser.problems(PlanParser.readTree(yaml));
  }

  private static String messageAt(List<PlanProblem> problems, String path) {
    assertThat(problems).extracting(PlanProblem::path).containsOnlyOnce(path);
    return problems.stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().message();
  }
}
