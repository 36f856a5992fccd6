package dev.rehearsal.api.audit;

import dev.rehearsal.api.rehearsals.RefusalLog;
import dev.rehearsal.plan.SignoffSpec;
import dev.rehearsal.workflows.rehearsal.ApprovalPolicy;
import dev.rehearsal.workflows.rehearsal.ApprovalRecord;
import dev.rehearsal.workflows.rehearsal.ReadinessVerdict;
import dev.rehearsal.workflows.rehearsal.ManualCompletionRecord;
import dev.rehearsal.workflows.rehearsal.RefusedApprovalRecord;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Runs and every decision on them (accepted or refused), as JSON or as one flat CSV table with a row per decision. */
public final class AuditExport {
  static final List<String> CSV_COLUMNS = List.of("run_id", "plan", "environment", "release_candidate", "initiator",
      "started_at", "finished_at", "status", "readiness", "evidence_digest", "decision", "outcome", "actor", "decided_at",
      "comment", "waivers", "reviewed_digest", "refusal_reason", "attachments", "step");
  private static final String COMPLETE = "COMPLETE";

  /** {@code policy} and {@code approverRules}: what applied at sign-off (JSON only; null for runs before policies). */
  public record Run(String id, String plan, String environment, String releaseCandidate, String initiator,
      Instant startedAt, Instant finishedAt, RunStatus status, ReadinessVerdict readiness, String evidenceDigest, List<DecisionRow> decisions,
      ApprovalPolicy policy, List<SignoffSpec.Approvers> approverRules) {}

  /**
   * {@code outcome} is ACCEPTED or REFUSED (a refused one carries the reason), or TIMED_OUT for a failed step nobody
   * decided on in time. A manual step's completion is a row too ({@code decision} {@code COMPLETE <step> <outcome>},
   * its note as {@code comment}) with its attachments' digests; {@code step} names the step a completion (accepted or
   * refused) or a decision (RETRY, SKIP, ROLLBACK, ABORT) was about, and is null for sign-off.
   */
  public record DecisionRow(String decision, String outcome, String actor, Instant at, String comment,
      Map<String, String> waivers, String evidenceDigest, String refusalReason, List<String> attachments, String step) {
    public DecisionRow {
      attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
  }

  /** {@code refusedStarts}: starts refused by the environment's {@code starters}, which never became runs. */
  public record Export(Instant exportedAt, int count, List<Run> runs, List<RefusedStart> refusedStarts) {}

  public record RefusedStart(String actor, String plan, String environment, Instant at, String reason) {}

  private AuditExport() {}

  static Export of(List<RehearsalState> states, List<RefusalLog.Entry> refusedStarts, Instant now) {
    List<Run> runs = states.stream().map(AuditExport::run).toList();
    return new Export(now, runs.size(), runs, refusedStarts.stream()
        .map(e -> new RefusedStart(e.actor(), e.plan(), e.environment(), e.at(), e.reason())).toList());
  }

  private static Run run(RehearsalState s) {
    List<DecisionRow> decisions = new ArrayList<>();
    if (s.approvals() != null) {
      for (ApprovalRecord a : s.approvals().decisions()) {
        decisions.add(new DecisionRow(a.decision().name(), "ACCEPTED", a.actor(), a.at(), a.comment(),
            a.waivers() == null ? Map.of() : new TreeMap<>(a.waivers()), a.evidenceDigest(), null, null, null));
      }
      for (RefusedApprovalRecord r : s.approvals().refused()) {
        decisions.add(new DecisionRow(r.decision(), "REFUSED", r.actor(), r.at(), null, Map.of(), null, r.reason(), null,
            completedStep(r.decision())));
      }
    }
    for (StepState step : s.steps() == null ? List.<StepState>of() : s.steps()) {
      ManualCompletionRecord c = step.completion();
      if (c != null) {
        decisions.add(new DecisionRow(COMPLETE + " " + step.name() + " " + c.outcome(), "ACCEPTED", c.actor(), c.at(),
            c.note(), Map.of(), null, null, c.attachments().stream().map(a -> a.name() + " sha256:" + a.sha256()).toList(),
            step.name()));
      }
    }
    decisions.addAll(FailureDecisionRows.of(s.failureDecisions()));
    decisions.sort(Comparator.comparing(DecisionRow::at, Comparator.nullsFirst(Comparator.naturalOrder())));
    return new Run(s.id(), s.plan(), s.environment(), s.releaseCandidate(), s.initiator(), s.startedAt(), s.finishedAt(),
        s.status(), s.readiness(), s.evidenceDigest(), decisions, s.approvals() == null ? null : s.approvals().policy(),
        s.approvals() == null ? null : s.approvals().rules());
  }

  /** The step a refused completion ({@code COMPLETE <step> <outcome>}; step names hold no space) was about; else null. */
  private static String completedStep(String decision) {
    String[] words = decision == null ? new String[0] : decision.split(" ", 3);
    return words.length >= 2 && words[0].equals(COMPLETE) ? words[1] : null;
  }

  /** RFC 4180 CSV; a cell that a spreadsheet would run as a formula is prefixed with an apostrophe. */
  static String csv(Export export) {
    StringBuilder out = new StringBuilder();
    row(out, CSV_COLUMNS);
    for (Run r : export.runs()) {
      List<String> run = List.of(text(r.id()), text(r.plan()), text(r.environment()), text(r.releaseCandidate()), text(r.initiator()),
          text(r.startedAt()), text(r.finishedAt()), text(r.status()), text(r.readiness()), text(r.evidenceDigest()));
      if (r.decisions().isEmpty()) {
        row(out, concat(run, List.of("", "", "", "", "", "", "", "", "")));
      }
      for (DecisionRow d : r.decisions()) {
        String waivers = d.waivers().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
        row(out, concat(run, List.of(text(d.decision()), text(d.outcome()), text(d.actor()), text(d.at()), text(d.comment()), waivers,
            text(d.evidenceDigest()), text(d.refusalReason()), String.join("; ", d.attachments()), text(d.step()))));
      }
    }
    for (RefusedStart start : export.refusedStarts()) {
      // A row of its own with no run: who tried to start which plan where, and why they could not.
      row(out, List.of("", text(start.plan()), text(start.environment()), "", text(start.actor()), "", "", "", "", "",
          RefusalLog.START, "REFUSED", text(start.actor()), text(start.at()), "", "", "", text(start.reason()), "", ""));
    }
    return out.toString();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static void row(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      out.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  private static String cell(String value) {
    String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return v.matches("(?s).*[\",\r\n].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
