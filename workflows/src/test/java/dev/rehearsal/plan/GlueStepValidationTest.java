package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Expectation operators, {@code until} and {@code assert} as plans write them bind, and every misuse is refused with
 * its path, all in one answer.
 */
class GlueStepValidationTest {
  private static final String PLAN = """
      apiVersion: rehearsal/v1
      name: glue
      environment: staging
      targets:
        app: { http: { baseUrl: "http://127.0.0.1:9000" } }
        db: { postgres: { url: "postgresql://app@db.staging/shop" } }
      """;

  @Test
  void anInWithNothingToBeInIsRefused() {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree(PLAN + """
        phases:
          smoke:
            - name: state
              http: { target: app, path: /s, expect: { json: { /state: { in: [] } } } }
          signoff: {}
        """), Optional.empty());

    assertThat(problems).extracting(PlanProblem::path).containsExactly("phases.smoke[0].http.expect.json./state.in");
  }

  @Test
  void theIssuesSyntaxBinds() {
    Plan plan = PlanParser.bind(PlanParser.readTree(PLAN + """
        phases:
          smoke:
            - name: dashboard
              http:
                target: app
                path: /api/v1/dashboard
                expect:
                  status: 200
                  headers: { X-Request-ID: { matches: ".+" }, Cache-Control: { present: false } }
                  json: { /metrics: { nonEmpty: true }, /count: { ">=": 1 }, /success: true, /state: { in: [done] } }
            - name: job-done
              http: { target: app, path: /api/jobs/1, expect: { json: { /state: done } } }
              until: { timeout: 2m, every: 2s }
            - name: version
              sql: { target: db, query: "select 15 as major", expect: { json: { /major: { ">=": 14 } } } }
              until: { timeout: 1m }
            - name: report
              command: { run: [cat, r.json], expect: { json: { /total/lines/pct: { ">=": 65 } } } }
            - name: same-major
              assert: { equals: ["${parameters.a}", "${parameters.b}"] }
            - name: faster
              assert: { "<": ["${parameters.a}", 20] }
          signoff: {}
        """), Map.of("a", "15", "b", "15"));

    List<StepSpec> steps = plan.steps(Phase.SMOKE);
    assertThat(steps.get(0).body(HttpSpec.class).expect().headers()).containsKey("X-Request-ID");
    assertThat(steps.get(1).until()).isEqualTo(new UntilSpec("2m", "2s"));
    assertThat(steps.get(2).until().every()).isEqualTo("10s");
    assertThat(steps.get(2).body(SqlSpec.class).expect().json()).containsKey("/major");
    assertThat(steps.get(3).body(CommandSpec.class).expect().json()).containsKey("/total/lines/pct");
    AssertSpec.Comparison same = steps.get(4).body(AssertSpec.class).comparison();
    assertThat(same.operator()).isEqualTo(ExpectOperator.EQUALS);
    assertThat(same.left().asText()).isEqualTo("15");
    assertThat(steps.get(5).body(AssertSpec.class).comparison().operator()).isEqualTo(ExpectOperator.LESS);
  }

  @Test
  void everyMisuseIsRefusedWithItsPath() {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree(PLAN + """
        phases:
          smoke:
            - name: ops
              http:
                target: app
                expect:
                  headers: { "Bad Header": "x", X-Id: { matches: "(" } }
                  json:
                    /a: { ">==": 1 }
                    /b: { matches: "([" }
                    /c: { ">": "many" }
                    /d: { in: done }
                    /e: { exists: yes-please }
                    /f: {}
                    "/g~2": 1
                    h: 1
            - name: cmd
              command: { run: [cat], expect: { json: { /x: { "<": "a lot" } } } }
            - name: rows
              sql: { target: db, query: "select 1", expect: { json: { /y: { nonEmpty: 1 } } } }
            - name: poll-load
              load: { target: app, rate: 1, duration: 10s, requests: [ { path: / } ] }
              until: { timeout: 1m }
            - name: poll-bad
              http: { target: app }
              until: { every: 5m, timeout: 1m, forever: true }
            - name: poll-short
              http: { target: app }
              until: { timeout: soon, every: 10ms }
            - name: two
              assert: { equals: [1, 1], "!=": [1, 2] }
            - name: three
              assert: { equals: [1, 2, 3] }
            - name: words
              assert: { ">": ["many", 3] }
            - name: regex
              assert: { matches: ["${parameters.x}", "(("] }
            - name: nothing
              assert: { bigger: [1, 2] }
          signoff: {}
        """), Optional.empty());

    assertThat(problems).extracting(PlanProblem::path).contains(
        "phases.smoke[0].http.expect.headers.Bad Header",
        "phases.smoke[0].http.expect.headers.X-Id.matches",
        "phases.smoke[0].http.expect.json./a.>==",
        "phases.smoke[0].http.expect.json./b.matches",
        "phases.smoke[0].http.expect.json./c.>",
        "phases.smoke[0].http.expect.json./d.in",
        "phases.smoke[0].http.expect.json./e.exists",
        "phases.smoke[0].http.expect.json./f",
        "phases.smoke[0].http.expect.json./g~2",
        "phases.smoke[0].http.expect.json.h",
        "phases.smoke[1].command.expect.json./x.<",
        "phases.smoke[2].sql.expect.json./y.nonEmpty",
        "phases.smoke[3].until",
        "phases.smoke[4].until.every",
        "phases.smoke[4].until.forever",
        "phases.smoke[5].until.timeout",
        "phases.smoke[5].until.every",
        "phases.smoke[6].assert",
        "phases.smoke[7].assert.equals",
        "phases.smoke[8].assert.>[0]",
        "phases.smoke[9].assert.matches[1]",
        "phases.smoke[10].assert.bigger",
        "phases.smoke[10].assert");
    assertThat(problems).filteredOn(p -> p.path().equals("phases.smoke[0].http.expect.json./a.>=="))
        .extracting(PlanProblem::message).singleElement().asString().contains("unknown operator").contains("nonEmpty");
    assertThat(problems).filteredOn(p -> p.path().equals("phases.smoke[3].until"))
        .extracting(PlanProblem::message).singleElement().asString().contains("only http, sql and command steps");
    assertThat(problems).filteredOn(p -> p.path().equals("phases.smoke[0].http.expect.json./c.>"))
        .extracting(PlanProblem::message).singleElement().asString().contains("not a number");
  }

  @Test
  void aStepWithoutTheNewKeysWritesNoneOfThem() throws Exception {
    Plan plan = PlanParser.bind(PlanParser.readTree(PLAN + """
        phases:
          smoke: [ { name: ok, http: { target: app, expect: { json: { /a: 1 } } } } ]
          signoff: {}
        """), Map.of());
    String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(plan.steps(Phase.SMOKE).get(0));

    assertThat(json).doesNotContain("until").doesNotContain("headers\":null");
  }
}
