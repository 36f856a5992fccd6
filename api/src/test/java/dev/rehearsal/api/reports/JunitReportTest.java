package dev.rehearsal.api.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.reports.RunReport;
import dev.rehearsal.workflows.rehearsal.ApprovalRecord;
import dev.rehearsal.workflows.rehearsal.CancelRecord;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.rehearsal.GateVerdict;
import dev.rehearsal.workflows.rehearsal.ReadinessVerdict;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The JUnit XML a CI system reads: suites per phase and for gates, counts that add up, failures that say why. */
class JunitReportTest {
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  private static final String NASTY = "exit 3: <boom> & \"quoted\" 'single' \u001b[31mred\u001b[0m ]]> \ud800";

  @Test
  void stepsAndGatesBecomeTestCasesWithCountsThatAddUp() {
    JunitXml xml = JunitXml.parse(JunitReport.render(report(), null).getBytes(StandardCharsets.UTF_8));

    Element root = xml.root();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(counts(root)).isEqualTo("tests=10 failures=4 errors=0 skipped=3 time=3.750");
    assertThat(counts(xml.suite("preflight"))).isEqualTo("tests=1 failures=0 errors=0 skipped=0 time=1.500");
    assertThat(counts(xml.suite("smoke"))).isEqualTo("tests=2 failures=1 errors=0 skipped=1 time=2.250");
    assertThat(counts(xml.suite("verification"))).isEqualTo("tests=1 failures=0 errors=0 skipped=1 time=0.000");
    assertThat(counts(xml.suite("gates"))).isEqualTo("tests=5 failures=3 errors=0 skipped=0 time=0.000");

    Element check = xml.testCase("check");
    assertThat(check.getAttribute("classname")).isEqualTo("preflight");
    assertThat(check.getAttribute("time")).isEqualTo("1.500");
    assertThat(JunitXml.child(check, "failure")).isNull();

    Element failure = JunitXml.child(xml.testCase("broken"), "failure");
    assertThat(failure.getAttribute("message")).as("escaped, and what XML cannot carry replaced")
        .isEqualTo("exit 3: <boom> & \"quoted\" 'single' \uFFFD[31mred\uFFFD[0m ]]> \uFFFD");
    assertThat(failure.getTextContent()).contains("attempts: 2", "evidence: broken.a2.stderr.log sha256:" + "ab".repeat(32));
    assertThat(JunitXml.child(xml.testCase("later"), "skipped").getAttribute("message")).isEqualTo("skipped");
    assertThat(JunitXml.child(xml.testCase("pending"), "skipped").getAttribute("message")).isEqualTo("not finished: PENDING");
  }

  @Test
  void aWarnGateFailsNamingItsWaiverUntilAnApproverWaivesIt() {
    JunitXml xml = JunitXml.parse(JunitReport.render(report(), null).getBytes(StandardCharsets.UTF_8));

    assertThat(JunitXml.child(xml.testCase("latency.p95"), "failure")).isNull();
    Element warn = JunitXml.child(xml.testCase("errors.count"), "failure");
    assertThat(xml.testCase("errors.count").getAttribute("classname")).isEqualTo("gates");
    assertThat(warn.getAttribute("type")).isEqualTo("WARN");
    assertThat(warn.getAttribute("message")).startsWith("WARN: value 3, thresholds pass 0, warn 5")
        .endsWith("needs a waiver: approve with --waive errors.count=REASON");

    Element waived = xml.testCase("coverage");
    assertThat(JunitXml.child(waived, "failure")).as("waived by an approver").isNull();
    assertThat(JunitXml.child(waived, "system-out").getTextContent())
        .contains("INCONCLUSIVE: no samples", "waived by bob: no traffic in staging");

    assertThat(JunitXml.child(xml.testCase("p99"), "failure").getAttribute("message")).isEqualTo("FAIL: value 900, thresholds pass 300");
    assertThat(JunitXml.child(xml.testCase("rejected-waiver"), "failure"))
        .as("a rejection's waiver waives nothing").isNotNull();
  }

  @Test
  void theSignOffIsATestCaseThatAgreesWithTheJobsExitCode() {
    ApprovalRecord approved = new ApprovalRecord("bob", Decision.APPROVE, "ship it", Map.of(), null, T0);
    ApprovalRecord rejected = new ApprovalRecord("carol", Decision.REJECT, "the p99 is not acceptable", Map.of(), null, T0);

    JunitXml awaiting = JunitXml.parse(JunitReport.render(report(), null).getBytes(StandardCharsets.UTF_8));
    assertThat(counts(awaiting.suite("signoff"))).isEqualTo("tests=1 failures=0 errors=0 skipped=1 time=0.000");
    assertThat(JunitXml.child(awaiting.testCase("signoff"), "skipped").getAttribute("message")).isEqualTo("awaiting sign-off");

    JunitXml succeeded = signoff(RunStatus.SUCCEEDED, List.of(approved), null);
    assertThat(counts(succeeded.suite("signoff"))).isEqualTo("tests=1 failures=0 errors=0 skipped=0 time=0.000");
    assertThat(JunitXml.child(succeeded.testCase("signoff"), "system-out").getTextContent()).isEqualTo("APPROVE by bob: ship it");

    Element rejection = JunitXml.child(signoff(RunStatus.REJECTED, List.of(approved, rejected), null).testCase("signoff"), "failure");
    assertThat(rejection.getAttribute("type")).isEqualTo("REJECTED");
    assertThat(rejection.getAttribute("message")).isEqualTo("rejected by carol: the p99 is not acceptable");

    JunitXml timedOut = signoff(RunStatus.TIMED_OUT, List.of(), null);
    assertThat(timedOut.root().getAttribute("failures")).as("the step, four gates and the sign-off").isEqualTo("6");
    assertThat(JunitXml.child(timedOut.testCase("signoff"), "failure").getAttribute("message"))
        .isEqualTo("no sign-off before the sign-off timeout");

    Element cancelled = JunitXml.child(signoff(RunStatus.CANCELLED, List.of(),
        new CancelRecord("alice", "superseded by v1.2.4", T0)).testCase("signoff"), "failure");
    assertThat(cancelled.getAttribute("type")).isEqualTo("CANCELLED");
    assertThat(cancelled.getAttribute("message")).isEqualTo("cancelled by alice: superseded by v1.2.4");

    assertThat(JunitXml.child(signoff(RunStatus.FAILED, List.of(), null).testCase("signoff"), "skipped").getAttribute("message"))
        .isEqualTo("not reached: the run FAILED");
  }

  private static JunitXml signoff(RunStatus status, List<ApprovalRecord> approvals, CancelRecord cancellation) {
    RunReport r = report();
    RunReport ended = new RunReport(r.id(), r.plan(), r.environment(), r.releaseCandidate(), r.initiator(), status, r.startedAt(),
        T0, r.readiness(), null, null, r.steps(), r.gates(), approvals, List.of(), null, null);
    return JunitXml.parse(JunitReport.render(ended, cancellation).getBytes(StandardCharsets.UTF_8));
  }

  private static String counts(Element suite) {
    return "tests=" + suite.getAttribute("tests") + " failures=" + suite.getAttribute("failures") + " errors="
        + suite.getAttribute("errors") + " skipped=" + suite.getAttribute("skipped") + " time=" + suite.getAttribute("time");
  }

  private static RunReport report() {
    List<RunReport.Step> steps = List.of(
        step("check", "PREFLIGHT", "SUCCEEDED", 1, 1.5, "ok", List.of()),
        step("broken", "SMOKE", "FAILED", 2, 2.25, NASTY, List.of(new RunReport.Artifact("broken.a2.stderr.log", 12,
            "ab".repeat(32), false, "/api/v1/rehearsals/rh-1/evidence/broken.a2.stderr.log"))),
        step("later", "SMOKE", "SKIPPED", 0, null, null, List.of()),
        step("pending", "VERIFICATION", "PENDING", 0, null, null, List.of()));
    List<GateState> gates = List.of(
        new GateState("latency.p95", GateVerdict.PASS, 120.0, Map.of("pass", 300.0), null, null),
        new GateState("errors.count", GateVerdict.WARN, 3.0, ordered("pass", 0.0, "warn", 5.0), null, null),
        new GateState("coverage", GateVerdict.INCONCLUSIVE, null, Map.of(), null, "no samples"),
        new GateState("p99", GateVerdict.FAIL, 900.0, Map.of("pass", 300.0), null, null),
        new GateState("rejected-waiver", GateVerdict.WARN, 1.0, Map.of(), null, null));
    List<ApprovalRecord> approvals = List.of(
        new ApprovalRecord("carol", Decision.REJECT, "no", Map.of("rejected-waiver", "does not count"), null, T0),
        new ApprovalRecord("bob", Decision.APPROVE, "fine", Map.of("coverage", "no traffic in staging"), null, T0));
    return new RunReport("rh-1", "shop", "staging", "v1.2.3", "alice", RunStatus.AWAITING_APPROVAL, T0, null,
        ReadinessVerdict.WARN, null, null, steps, gates, approvals, List.of(), null, null);
  }

  private static Map<String, Double> ordered(String k1, double v1, String k2, double v2) {
    Map<String, Double> thresholds = new java.util.LinkedHashMap<>();
    thresholds.put(k1, v1);
    thresholds.put(k2, v2);
    return thresholds;
  }

  private static RunReport.Step step(String name, String phase, String status, int attempts, Double seconds, String summary,
      List<RunReport.Artifact> evidence) {
    return new RunReport.Step(name, "command", phase, status, attempts, T0, null, seconds, summary, evidence);
  }
}
