package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A command's artifacts and a step's gates on a tool's report: the issue's syntax binds, and misuse is refused with its path. */
class ReportGatesValidationTest {
  private static final String PLAN = """
      apiVersion: rehearsal/v1
      name: gated
      environment: staging
      targets: { app: { http: { baseUrl: "https://staging.example.com" } } }
      """;

  @Test
  void theIssuesSyntaxBindsAsWritten() {
    com.fasterxml.jackson.databind.JsonNode tree = PlanParser.readTree(PLAN + """
        phases:
          load:
            - name: simulate
              command:
                run: [python, backend/scripts/staging_load_simulation.py, --out, report.json]
                artifacts: [report.json, coverage-reports/lcov.info, playwright-report/, "reports/*.xml", { path: coverage/, optional: true }]
                maxArtifactBytes: 1048576
              gates:
                p95: { report: report.json, pointer: "/Performance Metrics/P95_latency_ms", pass: 1200, warn: 2000 }
                coverage: { report: coverage/summary.json, pointer: /total/lines/pct, pass: ">= 65", warn: ">= 60", baseline: { tolerance: 0.05 } }
                tests: { junit: reports/junit.xml, figure: failures, pass: 0, warn: 0 }
                printed: { stdout: true, pointer: /errors, pass: "<= 3" }
          signoff: {}
        """);
    Plan plan = PlanParser.bind(tree, Map.of());

    assertThat(PlanSchemaFile.errors(tree)).as("the published schema accepts it too").isEmpty();

    StepSpec step = plan.steps(Phase.LOAD).get(0);
    CommandSpec command = step.body(CommandSpec.class);
    assertThat(command.artifactsOrNone()).extracting(Artifact::path)
        .containsExactly("report.json", "coverage-reports/lcov.info", "playwright-report/", "reports/*.xml", "coverage/");
    assertThat(command.artifactsOrNone().get(4).optional()).isTrue();
    assertThat(command.artifactsOrNone().get(3).glob()).isTrue();
    assertThat(command.maxArtifactBytesOrDefault()).isEqualTo(1048576L);
    assertThat(step.gates()).containsOnlyKeys("p95", "coverage", "tests", "printed");
    assertThat(step.gates().keySet()).containsExactly("p95", "coverage", "tests", "printed");
    ReportGate coverage = step.gates().get("coverage");
    assertThat(coverage.pass().atLeast()).isTrue();
    assertThat(coverage.pass().limit()).isEqualTo(65.0);
    assertThat(coverage.warn().limit()).isEqualTo(60.0);
    ReportGate p95 = step.gates().get("p95");
    assertThat(p95.pass().atLeast()).isFalse();
    assertThat(p95.warn().limit()).isEqualTo(2000.0);
    assertThat(step.gates().get("tests").figure()).isEqualTo(ReportGate.JunitFigure.failures);
    assertThat(step.gates().get("printed").fromStdout()).isTrue();
    assertThat(PlanValidator.validate(PlanParser.readTree(PLAN + """
        phases:
          load:
            - name: simulate
              command: { run: [true], artifacts: [a.json] }
              gates: { p95: { report: a.json, pointer: /p95, pass: 1200 } }
          signoff: {}
        """), Optional.empty())).isEmpty();
  }

  @Test
  void aCommandWithoutArtifactsReadsBackAsWritten() throws Exception {
    Plan plan = PlanParser.bind(PlanParser.readTree(PLAN + """
        phases:
          smoke:
            - name: plain
              command: { run: [true] }
          signoff: {}
        """), Map.of());

    String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(plan.steps(Phase.SMOKE).get(0));

    assertThat(json).doesNotContain("artifacts").doesNotContain("maxArtifactBytes").doesNotContain("gates");
  }

  /** Each misuse on its own is refused by the published schema too, so editors underline it. */
  @Test
  void theSchemaRefusesEachMisuseTheValidatorRefuses() {
    List<String> misuses = List.of(
        "command: { run: [true], artifacts: [../etc/passwd] }",
        "command: { run: [true], artifacts: [{ path: /etc/passwd, optional: true }] }",
        "command: { run: [true], maxArtifactBytes: 0 }",
        "{ http: { target: app, path: /health }, gates: { p95: { report: r.json, pointer: /p95, pass: 1 } } }",
        "{ command: { run: [true] }, gates: { p95: { pointer: /p95, pass: 1 } } }",
        "{ command: { run: [true] }, gates: { tests: { junit: j.xml, pass: 0 } } }",
        "{ command: { run: [true] }, gates: { cov: { report: c.json, pointer: /pct, pass: about 65 } } }",
        "{ command: { run: [true] }, gates: { out: { report: ../r.json, pointer: /a, pass: 1 } } }");
    for (String misuse : misuses) {
      String step = misuse.startsWith("{") ? misuse.substring(1, misuse.length() - 1).strip() : misuse;
      com.fasterxml.jackson.databind.JsonNode tree = PlanParser.readTree(PLAN + """
          phases:
            smoke:
              - { name: misused, %s }
            signoff: {}
          """.formatted(step));

      assertThat(PlanValidator.validate(tree, Optional.empty())).as("the validator, on %s", misuse).isNotEmpty();
      assertThat(PlanSchemaFile.errors(tree)).as("the schema, on %s", misuse).isNotEmpty();
    }
  }

  @Test
  void misuseIsRefusedWithItsPath() {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree(PLAN + """
        phases:
          smoke:
            - name: escapes
              command:
                run: [true]
                artifacts: [../secret.txt, /etc/passwd, { path: a/../../b }, { path: ok.txt, optional: maybe, keep: 1 }, 42, "[z"]
                maxArtifactBytes: 0
            - name: probe
              http: { target: app, path: /health }
              gates: { p95: { report: r.json, pointer: /p95, pass: 1 } }
            - name: bad-gates
              command: { run: [true] }
              gates:
                noSource: { pointer: /a, pass: 1 }
                twoSources: { report: r.json, stdout: true, pointer: /a, pass: 1 }
                outside: { report: ../r.json, pointer: /a, pass: 1 }
                noPointer: { report: r.json, pass: 1 }
                badPointer: { report: r.json, pointer: total, pass: 1 }
                junitPointer: { junit: j.xml, pointer: /a, figure: tests, pass: 1 }
                noFigure: { junit: j.xml, pass: 0 }
                noPass: { report: r.json, pointer: /a }
                badOperator: { report: r.json, pointer: /a, pass: "== 3" }
                mixedDirections: { report: r.json, pointer: /a, pass: ">= 65", warn: 70 }
                warnStricter: { report: r.json, pointer: /a, pass: ">= 65", warn: ">= 70" }
                badBaseline: { report: r.json, pointer: /a, pass: 1, baseline: {} }
                "bad name": { report: r.json, pointer: /a, pass: 1 }
                unknownKey: { report: r.json, pointer: /a, pass: 1, worst: WARN }
          signoff: {}
        """), Optional.empty());

    assertThat(problems).extracting(PlanProblem::path).containsExactlyInAnyOrder(
        "phases.smoke[0].command.artifacts[0]",
        "phases.smoke[0].command.artifacts[1]",
        "phases.smoke[0].command.artifacts[2].path",
        "phases.smoke[0].command.artifacts[3].keep",
        "phases.smoke[0].command.artifacts[3].optional",
        "phases.smoke[0].command.artifacts[4]",
        "phases.smoke[0].command.artifacts[5]",
        "phases.smoke[0].command.maxArtifactBytes",
        "phases.smoke[1].gates",
        "phases.smoke[2].gates.noSource",
        "phases.smoke[2].gates.twoSources",
        "phases.smoke[2].gates.outside.report",
        "phases.smoke[2].gates.noPointer.pointer",
        "phases.smoke[2].gates.badPointer.pointer",
        "phases.smoke[2].gates.junitPointer.pointer",
        "phases.smoke[2].gates.noFigure.figure",
        "phases.smoke[2].gates.noPass.pass",
        "phases.smoke[2].gates.badOperator.pass",
        "phases.smoke[2].gates.mixedDirections.warn",
        "phases.smoke[2].gates.warnStricter.warn",
        "phases.smoke[2].gates.badBaseline.baseline.tolerance",
        "phases.smoke[2].gates.bad name",
        "phases.smoke[2].gates.unknownKey.worst");
    assertThat(problems).filteredOn(p -> p.path().equals("phases.smoke[0].command.artifacts[0]"))
        .extracting(PlanProblem::message).singleElement().asString().contains("../secret.txt").contains("leaves the working directory");
    assertThat(problems).filteredOn(p -> p.path().equals("phases.smoke[0].command.artifacts[1]"))
        .extracting(PlanProblem::message).singleElement().asString().contains("/etc/passwd").contains("absolute");
    assertThat(problems).filteredOn(p -> p.path().equals("phases.smoke[1].gates"))
        .extracting(PlanProblem::message).singleElement().asString().contains("command steps").contains("load.gates");
  }
}
