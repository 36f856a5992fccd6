package dev.rehearsal.activities.reports;

import dev.rehearsal.workflows.rehearsal.ApprovalRecord;
import dev.rehearsal.workflows.rehearsal.FailureDecisionsState;
import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.rehearsal.ReadinessVerdict;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A rehearsal as an approver or auditor reads it: every step with its timings and evidence links, every gate, every
 * decision and waiver (on failed steps too, with {@code onFailure: ask}), and the sign-off block of seed 000 (release candidate, date UTC, operator, notes/exceptions).
 * Built from the run's state only, so it is the same whether the run is live or closed.
 */
public record RunReport(
    String id,
    String plan,
    String environment,
    String releaseCandidate,
    String initiator,
    RunStatus status,
    Instant startedAt,
    Instant finishedAt,
    ReadinessVerdict readiness,
    String readinessEstimate,
    String evidenceDigest,
    List<Step> steps,
    List<GateState> gates,
    List<ApprovalRecord> approvals,
    List<Refusal> refusedApprovals,
    SignOff signOff,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    FailureDecisionsState failureDecisions) {

  public record Step(
      String name, String kind, String phase, String status, int attempts, Instant startedAt, Instant finishedAt,
      Double seconds, String summary, List<Artifact> evidence) {}

  /** An artifact with its hash and where to download it. */
  public record Artifact(String name, long size, String sha256, boolean truncated, String href) {}

  public record Refusal(String actor, String reason, Instant at) {}

  /**
   * What seed 000's sign-off asks for. {@code date} is when the run was signed off (or ended), UTC; {@code exceptions}
   * are the waivers written for WARN and INCONCLUSIVE gates; {@code rules} says what the sign-off needed and which
   * approval policy applied (null for runs before policies were recorded).
   */
  public record SignOff(
      String releaseCandidate, Instant date, String operator, List<String> approvedBy, List<String> notes, Map<String, String> exceptions,
      String rules) {}

  /** The report with evidence links into the REST API. */
  public static RunReport of(RehearsalState s) {
    return of(s, "/api/v1/rehearsals/" + s.id() + "/evidence/");
  }

  /** @param base where each artifact's link starts (the API's or the console's download path), its name appended */
  public static RunReport of(RehearsalState s, String base) {
    List<Step> steps = new ArrayList<>();
    for (StepState step : s.steps()) {
      Double seconds = step.startedAt() == null || step.finishedAt() == null ? null
          : Duration.between(step.startedAt(), step.finishedAt()).toMillis() / 1000.0;
      List<Artifact> evidence = step.evidence().stream()
          .map(e -> new Artifact(e.name(), e.size(), e.sha256(), e.truncated(), base + e.name())).toList();
      steps.add(new Step(step.name(), step.kind(), step.phase() == null ? null : step.phase().name(), step.status().name(),
          step.attempts(), step.startedAt(), step.finishedAt(), seconds, step.summary(), evidence));
    }
    List<ApprovalRecord> decisions = s.approvals().decisions();
    Map<String, String> exceptions = new java.util.LinkedHashMap<>();
    decisions.forEach(d -> d.waivers().forEach((gate, why) -> exceptions.put(gate, why + " (" + d.actor() + ")")));
    List<String> notes = decisions.stream().filter(d -> d.comment() != null && !d.comment().isBlank())
        .map(d -> d.actor() + " (" + d.decision() + "): " + d.comment()).toList();
    List<String> approvedBy = decisions.stream().filter(d -> d.decision().name().equals("APPROVE")).map(ApprovalRecord::actor).toList();
    Instant date = s.status() == RunStatus.SUCCEEDED && !decisions.isEmpty() ? decisions.get(decisions.size() - 1).at() : s.finishedAt();
    List<Refusal> refused = s.approvals().refused().stream().map(r -> new Refusal(r.actor(), r.reason(), r.at())).toList();
    return new RunReport(s.id(), s.plan(), s.environment(), s.releaseCandidate(), s.initiator(), s.status(), s.startedAt(),
        s.finishedAt(), s.readiness(), s.readinessEstimate(), s.evidenceDigest(), steps, s.gates(), decisions, refused,
        new SignOff(s.releaseCandidate(), date, s.initiator(), approvedBy, notes, exceptions, rules(s.approvals())), s.failureDecisions());
  }

  /** "group dba ×1, group qa ×1 (each approval counts toward one); initiator may not approve; policy ...". */
  private static String rules(dev.rehearsal.workflows.rehearsal.Approvals approvals) {
    if (approvals.rules() == null || approvals.policy() == null) {
      return null;
    }
    return approvals.rules().stream().map(r -> r.who() + " \u00d7" + r.count()).collect(java.util.stream.Collectors.joining(", "))
        + " (each approval counts toward one rule); initiator " + (approvals.allowInitiator() ? "may" : "may not")
        + " approve; timeout " + approvals.timeout() + "; policy " + approvals.policy().source();
  }
}
