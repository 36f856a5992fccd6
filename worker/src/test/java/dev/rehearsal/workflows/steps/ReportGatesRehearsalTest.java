package dev.rehearsal.workflows.steps;

import static dev.rehearsal.testing.RunStates.awaitSettled;
import static dev.rehearsal.testing.RunStates.gate;
import static dev.rehearsal.testing.RunStates.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.testing.CommandRuns;
import dev.rehearsal.workflows.rehearsal.ApprovalRequest;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.rehearsal.GateVerdict;
import dev.rehearsal.workflows.rehearsal.ReadinessVerdict;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gates on what a command's tool reported (a JSON report, stdout, a JUnit XML report), judged like load gates, on the
 * SDK's test environment with real processes run as the steps' unprivileged user.
 */
class ReportGatesRehearsalTest {
  @TempDir Path dir;
  private CommandRuns runs;

  @BeforeEach
  void start() {
    runs = new CommandRuns(dir);
  }

  @AfterEach
  void stop(org.junit.jupiter.api.TestInfo test) throws Exception {
    runs.record(test, "report-gates-");
    runs.close();
  }

  @Test
  void aJsonReportIsJudgedPassWarnAndInconclusiveAndAWaiverSignsItOff() throws Exception {
    RehearsalWorkflow run = runs.start("""
        - name: simulate
          command:
            run: 'printf "%s" "$REPORT" > report.json; echo "{\\"errors\\": 0}"'
            shell: true
            env:
              REPORT: '{"Performance Metrics": {"P95_latency_ms": 900, "P99_latency_ms": 1500}, "total": {"lines": {"pct": 62}}, "name": "fast"}'
            artifacts: [report.json, { path: coverage/, optional: true }]
          gates:
            p95: { report: report.json, pointer: "/Performance Metrics/P95_latency_ms", pass: 1200, warn: 2000 }
            p99: { report: report.json, pointer: "/Performance Metrics/P99_latency_ms", pass: 1200, warn: 2000 }
            coverage: { report: report.json, pointer: /total/lines/pct, pass: ">= 65", warn: ">= 60" }
            printed: { stdout: true, pointer: /errors, pass: 0 }
            missingFile: { report: coverage/summary.json, pointer: /total/lines/pct, pass: ">= 65" }
            missingPointer: { report: report.json, pointer: /p50, pass: 100 }
            notANumber: { report: report.json, pointer: /name, pass: 100 }
        """);
    RehearsalState state = awaitSettled(run);

    assertThat(state.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    assertThat(step(state, "simulate").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(gate(state, "simulate.p95").verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(gate(state, "simulate.p95").value()).isEqualTo(900.0);
    assertThat(gate(state, "simulate.p99").verdict()).isEqualTo(GateVerdict.WARN);
    assertThat(gate(state, "simulate.coverage").verdict()).as("62 is below 65 but at least 60").isEqualTo(GateVerdict.WARN);
    assertThat(gate(state, "simulate.coverage").thresholds()).containsEntry("passAtLeast", 65.0).containsEntry("warnAtLeast", 60.0);
    assertThat(gate(state, "simulate.printed").verdict()).isEqualTo(GateVerdict.PASS);
    GateState missingFile = gate(state, "simulate.missingFile");
    assertThat(missingFile.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(missingFile.note()).contains("coverage/summary.json", "not written");
    assertThat(gate(state, "simulate.missingPointer").verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(gate(state, "simulate.missingPointer").note()).contains("no value at /p50");
    assertThat(gate(state, "simulate.notANumber").verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(gate(state, "simulate.notANumber").note()).contains("/name", "\"fast\"", "not a number");
    assertThat(state.readiness()).isEqualTo(ReadinessVerdict.WARN);
    assertThat(step(state, "simulate").summary()).contains("gates:", "WARN simulate.p99, simulate.coverage");
    StepState simulate = step(state, "simulate");
    assertThat(simulate.evidence()).extracting(EvidenceRef::name).contains("simulate.a1.report.report.json", "simulate.a1.artifact.report.json");
    assertThat(new String(runs.evidence().read(state.id(), "simulate.a1.report.report.json"))).contains("P95_latency_ms");

    assertThatThrownBy(() -> run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "fine", Map.of(), null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("simulate.coverage")
        .hasStackTraceContaining("simulate.missingFile");
    assertThatThrownBy(() -> run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "known", Map.of(
        "simulate.p99", "p99 tracked in OPS-7", "simulate.coverage", "coverage plan in OPS-8",
        "simulate.missingFile", "no coverage job on staging", "simulate.missingPointer", "p50 not reported yet",
        "simulate.notANumber", "name is not a figure", "simulate.p95", "passed anyway", "<script>x</script>", "made up"), null)))
        .as("a waiver for a PASS gate or for no gate at all would record a made-up exception")
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("[WaiverNotNeeded]")
        .hasStackTraceContaining("no such gate needs one: <script>x</script>, simulate.p95")
        .hasStackTraceContaining("gates needing a waiver: simulate.p99, simulate.coverage, simulate.missingFile");
    assertThat(run.state().approvals().decisions()).as("nothing approved").isEmpty();
    run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "known", Map.of(
        "simulate.p99", "p99 tracked in OPS-7", "simulate.coverage", "coverage plan in OPS-8",
        "simulate.missingFile", "no coverage job on staging", "simulate.missingPointer", "p50 not reported yet",
        "simulate.notANumber", "name is not a figure"), null));
    assertThat(WorkflowStub.fromTyped(run).getResult(RehearsalState.class).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void aFailingGateFailsTheStepAndTheRunWithoutARetry() throws Exception {
    RehearsalState state = awaitSettled(runs.start("""
        - name: build
          command:
            run: 'echo "{\\"total\\": {\\"lines\\": {\\"pct\\": 41.5}}}" > summary.json'
            shell: true
          gates:
            coverage: { report: summary.json, pointer: /total/lines/pct, pass: ">= 65", warn: ">= 60" }
        """));

    assertThat(state.status()).isEqualTo(RunStatus.FAILED);
    assertThat(state.readiness()).isEqualTo(ReadinessVerdict.FAIL);
    assertThat(gate(state, "build.coverage").verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(gate(state, "build.coverage").value()).isEqualTo(41.5);
    assertThat(step(state, "build").status()).isEqualTo(StepStatus.FAILED);
    assertThat(step(state, "build").attempts()).isEqualTo(1);
    assertThat(step(state, "build").summary()).contains("gates: FAIL build.coverage");
  }

  @Test
  void aJunitReportsFailuresAreSummedOverItsSuites() throws Exception {
    RehearsalState state = awaitSettled(runs.start("""
        - name: tests
          command:
            run: 'mkdir -p reports && printf "%s" "$JUNIT" > reports/junit.xml && printf "%s" "$DTD" > reports/evil.xml'
            shell: true
            env:
              JUNIT: '<?xml version="1.0"?><testsuites><testsuite name="api" tests="10" failures="1" errors="0" skipped="2"/><testsuite name="ui" tests="5" errors="1"><testcase name="a"><failure/></testcase><testcase name="b"><failure/></testcase></testsuite></testsuites>'
              DTD: '<?xml version="1.0"?><!DOCTYPE testsuite [<!ENTITY x SYSTEM "file:///etc/passwd">]><testsuite tests="&x;" failures="0"/>'
          gates:
            failures: { junit: reports/junit.xml, figure: failures, pass: 0, warn: 0 }
            tests: { junit: reports/junit.xml, figure: tests, pass: ">= 1" }
            errors: { junit: reports/junit.xml, figure: errors, pass: 0, warn: 1 }
            skipped: { junit: reports/junit.xml, figure: skipped, pass: 5 }
            external: { junit: reports/evil.xml, figure: failures, pass: 0 }
        """));

    assertThat(gate(state, "tests.failures").value()).as("1 from the attribute, 2 counted").isEqualTo(3.0);
    assertThat(gate(state, "tests.failures").verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(gate(state, "tests.tests").value()).isEqualTo(15.0);
    assertThat(gate(state, "tests.tests").verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(gate(state, "tests.errors").verdict()).isEqualTo(GateVerdict.WARN);
    assertThat(gate(state, "tests.skipped").value()).isEqualTo(2.0);
    GateState external = gate(state, "tests.external");
    assertThat(external.verdict()).as("a DTD is refused, never resolved").isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(external.note()).contains("reports/evil.xml", "DOCTYPE").doesNotContain("root:");
    assertThat(step(state, "tests").status()).isEqualTo(StepStatus.FAILED);
    assertThat(state.status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void aFigureWorseThanTheLastSignedOffRunIsAWarnWithBothValues() throws Exception {
    String measured = """
        - name: build
          command:
            run: 'echo "{\\"pct\\": $PCT}"'
            shell: true
            env: { PCT: "%s" }
          gates:
            coverage: { stdout: true, pointer: /pct, pass: ">= 65", baseline: { tolerance: 0.05 } }
        """;
    RehearsalWorkflow first = runs.start(measured.formatted("80"));
    assertThat(gate(awaitSettled(first), "build.coverage").baseline()).isNull();
    first.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "baseline run", Map.of(), null));
    assertThat(WorkflowStub.fromTyped(first).getResult(RehearsalState.class).status()).isEqualTo(RunStatus.SUCCEEDED);

    GateState regressed = gate(awaitSettled(runs.start(measured.formatted("70"))), "build.coverage");

    assertThat(regressed.verdict()).as("70 passes '>= 65' but fell more than 5% below 80").isEqualTo(GateVerdict.WARN);
    assertThat(regressed.baseline()).isEqualTo(80.0);
    assertThat(regressed.value()).isEqualTo(70.0);
    assertThat(regressed.note()).contains("regressed from 80 to 70", "tolerance 5%");
  }
}
