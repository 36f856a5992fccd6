package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutputValidationTest {
  private static final String HEAD = """
      apiVersion: rehearsal/v1
      name: shop
      environment: staging
      targets:
        app: { http: { baseUrl: "http://127.0.0.1:8080" } }
        db: { postgres: { url: "postgresql://u@127.0.0.1/db" } }
      phases:
        signoff: {}
      """;

  private static final String GOOD = HEAD + """
        preflight:
          - name: login
            http: { target: app, method: POST, path: /login, body: '{"u": 1}' }
            outputs:
              token: { json: /token, secret: true }
              requestId: { header: X-Request-ID }
              code: { status: true }
          - name: version
            command: { run: [sh, -c, "echo major=16"] }
            outputs:
              major: { regex: "major=(\\\\d+)" }
              fromJson: { json: /a }
              written: { file: out/id.txt }
          - name: count
            sql: { target: db, query: "select count(*) as n from t" }
            outputs: { n: { column: n } }
        smoke:
          - name: dashboard
            http:
              target: app
              path: "/items/${steps.count.outputs.n}"
              headers: { Authorization: "Bearer ${steps.login.outputs.token}", X-Major: "${steps.version.outputs.major}" }
      """;

  @Test
  void aSecretOutputIsRefusedWhereTheWorkerWouldNotResolveItAndAllowedWhereItDoes() {
    String plan = HEAD + """
          preflight:
            - name: login
              http: { target: app, method: POST, path: /login }
              outputs: { token: { json: /token, secret: true }, id: { header: X-Request-ID } }
          smoke:
            - name: uses
              http:
                target: app
                path: "/x?t=${steps.login.outputs.token}"
                headers: { Authorization: "Bearer ${steps.login.outputs.token}" }
                body: { t: "${steps.login.outputs.token}" }
                expect: { json: { /tok: "${steps.login.outputs.token}", /id: "${steps.login.outputs.id}" } }
            - name: cmd
              command: { run: [sh, -c, "true", "${steps.login.outputs.token}"], env: { T: "${steps.login.outputs.token}" } }
            - name: query
              sql: { target: db, query: "select '${steps.login.outputs.token}'" }
            - name: same
              assert: { equals: ["${steps.login.outputs.token}", "x"] }
        """;

    List<PlanProblem> problems = problems(plan);

    assertThat(problems).extracting(PlanProblem::path)
        .containsExactlyInAnyOrder("phases.smoke[0].http.expect.json./tok", "phases.smoke[2].sql.query");
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).contains("is a secret output, resolved only on the worker"));
  }

  @Test
  void aPlanWithOutputsAndEarlierReferencesIsValidAndBindsThem() {
    assertThat(problems(GOOD)).isEmpty();
    Plan plan = PlanParser.bind(PlanParser.readTree(GOOD), Map.of());
    StepSpec login = plan.steps(Phase.PREFLIGHT).get(0);
    assertThat(login.outputs()).containsOnlyKeys("token", "requestId", "code");
    assertThat(login.outputs().get("token").keptSecret()).isTrue();
    assertThat(login.outputs().get("requestId").keptSecret()).isFalse();
    assertThat(plan.steps(Phase.SMOKE).get(0).outputs()).isNull();
  }

  @Test
  void referencesToUnknownLaterOwnOrUndeclaredOutputsAreRefusedWithTheirPaths() {
    List<PlanProblem> problems = problems(HEAD + """
        preflight:
          - name: first
            http: { target: app, path: "/a/${steps.first.outputs.x}" }
            outputs: { x: { status: true } }
          - name: second
            command: { run: [echo, "${steps.nowhere.outputs.x}", "${steps.third.outputs.y}", "${steps.first.outputs.nope}", "${steps.first}"] }
        smoke:
          - name: third
            http: { target: app, path: /b }
            outputs: { y: { status: true } }
      """);

    assertThat(problems).extracting(PlanProblem::path).containsExactlyInAnyOrder(
        "phases.preflight[0].http.path",
        "phases.preflight[1].command.run[1]",
        "phases.preflight[1].command.run[2]",
        "phases.preflight[1].command.run[3]",
        "phases.preflight[1].command.run[4]");
    assertThat(message(problems, "phases.preflight[0].http.path")).contains("own output");
    assertThat(message(problems, "phases.preflight[1].command.run[1]")).contains("no step named 'nowhere'");
    assertThat(message(problems, "phases.preflight[1].command.run[2]")).contains("'third' runs later");
    assertThat(message(problems, "phases.preflight[1].command.run[3]")).contains("declares no output 'nope'", "[x]");
    assertThat(message(problems, "phases.preflight[1].command.run[4]")).contains("not an output reference");
  }

  @Test
  void badOutputDeclarationsAreRefusedWithTheirPaths() {
    List<PlanProblem> problems = problems(HEAD + """
        preflight:
          - name: call
            http: { target: app, path: /a }
            outputs:
              fromStdout: { regex: "x=(\\\\d+)" }
              two: { json: /a, header: X-A }
              none: { secret: true }
              badPointer: { json: "a/b" }
              "1bad": { status: true }
              notTrue: { status: false }
          - name: run
            command: { run: [echo] }
            outputs:
              noGroup: { regex: "x=\\\\d+" }
              broken: { regex: "(" }
              escape: { file: ../etc/passwd }
              absolute: { file: /etc/passwd }
              col: { column: n }
              weird: { json: /a, colour: red }
          - name: snap
            postgres.snapshot: { from: db }
            outputs: { x: { status: true } }
      """);

    assertThat(problems).extracting(PlanProblem::path).containsExactlyInAnyOrder(
        "phases.preflight[0].outputs.fromStdout.regex",
        "phases.preflight[0].outputs.two",
        "phases.preflight[0].outputs.none",
        "phases.preflight[0].outputs.badPointer.json",
        "phases.preflight[0].outputs.1bad",
        "phases.preflight[0].outputs.notTrue.status",
        "phases.preflight[1].outputs.noGroup.regex",
        "phases.preflight[1].outputs.broken.regex",
        "phases.preflight[1].outputs.escape.file",
        "phases.preflight[1].outputs.absolute.file",
        "phases.preflight[1].outputs.col.column",
        "phases.preflight[1].outputs.weird.colour",
        "phases.preflight[2].outputs");
    assertThat(message(problems, "phases.preflight[0].outputs.fromStdout.regex")).contains("[json, header, status]");
    assertThat(message(problems, "phases.preflight[0].outputs.two")).contains("exactly one");
    assertThat(message(problems, "phases.preflight[1].outputs.noGroup.regex")).contains("group");
    assertThat(message(problems, "phases.preflight[2].outputs")).contains("postgres.snapshot");
  }

  @Test
  void anOutputReferenceOutsideAStepIsRefused() {
    List<PlanProblem> problems = problems(GOOD.replace("http://127.0.0.1:8080", "${steps.login.outputs.requestId}"));

    assertThat(problems).extracting(PlanProblem::path).containsExactly("targets.app.http.baseUrl");
    assertThat(problems.get(0).message()).contains("only be used in the fields of a later step");
  }

  @Test
  void aMisspelledOutputReferenceIsAProblem() {
    List<PlanProblem> problems = problems(GOOD.replace("${steps.version.outputs.major}", "${step.version.outputs.major}"));

    assertThat(problems).extracting(PlanProblem::path).containsExactly("phases.smoke[0].http.headers.X-Major");
    assertThat(problems.get(0).message()).contains("unknown reference", "${steps.STEP.outputs.NAME}");
  }

  private static List<PlanProblem> problems(String yaml) {
    return PlanValidator.validate(PlanParser.readTree(yaml), Optional.empty());
  }

  private static String message(List<PlanProblem> problems, String path) {
    return problems.stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().message();
  }
}
