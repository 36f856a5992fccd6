package dev.rehearsal.activities.reports;

import dev.rehearsal.workflows.rehearsal.ApprovalRecord;
import dev.rehearsal.workflows.rehearsal.GateState;
import java.util.List;
import java.util.Map;

/** The report as Markdown, for pasting into a release ticket. */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static String render(RunReport r) {
    StringBuilder md = new StringBuilder();
    md.append("# Rehearsal ").append(r.id()).append("\n\n");
    md.append("| | |\n| --- | --- |\n");
    row(md, "Plan", r.plan() + " (" + r.environment() + ")");
    row(md, "Release candidate", r.releaseCandidate());
    row(md, "Status", String.valueOf(r.status()));
    row(md, "Readiness", r.readiness() + (r.readinessEstimate() == null ? "" : " (" + r.readinessEstimate() + ")"));
    row(md, "Started (UTC)", Format.time(r.startedAt()));
    row(md, "Finished (UTC)", Format.time(r.finishedAt()));
    row(md, "Started by", r.initiator());
    row(md, "Evidence digest", "`" + r.evidenceDigest() + "`");

    md.append("\n## Steps\n\n| step | phase | status | attempts | seconds | summary | evidence |\n| --- | --- | --- | ---: | ---: | --- | --- |\n");
    for (RunReport.Step s : r.steps()) {
      StringBuilder links = new StringBuilder();
      s.evidence().forEach(e -> links.append(links.length() == 0 ? "" : "<br>").append("[").append(cell(e.name())).append("](")
          .append(e.href()).append(") `").append(e.sha256(), 0, 12).append("`"));
      md.append("| ").append(cell(s.name())).append(" | ").append(s.phase()).append(" | ").append(s.status()).append(" | ")
          .append(s.attempts()).append(" | ").append(s.seconds() == null ? "" : Format.number(s.seconds())).append(" | ")
          .append(cell(s.summary())).append(" | ").append(links).append(" |\n");
    }

    if (!r.gates().isEmpty()) {
      md.append("\n## Gates\n\n| gate | verdict | value | thresholds | baseline | note |\n| --- | --- | ---: | --- | ---: | --- |\n");
      for (GateState g : r.gates()) {
        md.append("| ").append(cell(g.name())).append(" | **").append(g.verdict()).append("** | ")
            .append(g.value() == null ? "no samples" : Format.number(g.value())).append(" | ").append(cell(Format.thresholds(g.thresholds())))
            .append(" | ").append(g.baseline() == null ? "" : Format.number(g.baseline())).append(" | ").append(cell(g.note())).append(" |\n");
      }
    }

    md.append("\n## Decisions\n\n");
    if (r.approvals().isEmpty()) {
      md.append("None yet.\n");
    }
    for (ApprovalRecord a : r.approvals()) {
      md.append("- **").append(a.decision()).append("** by ").append(a.actor()).append(" at ").append(Format.time(a.at()))
          .append(a.comment() == null || a.comment().isBlank() ? "" : ": " + line(a.comment())).append('\n');
      a.waivers().forEach((gate, why) -> md.append("  - waiver for `").append(gate).append("`: ").append(line(why)).append('\n'));
      if (a.evidenceDigest() != null) {
        md.append("  - reviewed evidence `").append(a.evidenceDigest()).append("`\n");
      }
    }
    for (RunReport.Refusal f : r.refusedApprovals()) {
      md.append("- refused: ").append(f.actor()).append(" at ").append(Format.time(f.at())).append(": ").append(line(f.reason())).append('\n');
    }

    List<String> stepDecisions = FailureDecisionLines.of(r.failureDecisions());
    if (!stepDecisions.isEmpty()) {
      md.append("\n## Decisions on failed steps\n\n");
      stepDecisions.forEach(line -> md.append("- ").append(line.replace("\n", " ")).append('\n'));
    }

    RunReport.SignOff so = r.signOff();
    md.append("\n## Sign-off\n\n| | |\n| --- | --- |\n");
    row(md, "Release candidate", so.releaseCandidate());
    row(md, "Date (UTC)", Format.time(so.date()));
    row(md, "Operator", so.operator());
    row(md, "Approved by", String.join(", ", so.approvedBy()));
    row(md, "Notes", String.join("; ", so.notes()));
    row(md, "Exceptions", exceptions(so.exceptions()));
    if (so.rules() != null) {
      row(md, "Rules in force", so.rules());
    }
    return md.toString();
  }

  private static String exceptions(Map<String, String> waivers) {
    StringBuilder s = new StringBuilder();
    waivers.forEach((gate, why) -> s.append(s.length() == 0 ? "" : "; ").append(gate).append(": ").append(why));
    return s.length() == 0 ? "none" : s.toString();
  }

  private static void row(StringBuilder md, String key, String value) {
    md.append("| ").append(key).append(" | ").append(cell(value)).append(" |\n");
  }

  /** Table cells cannot hold pipes or line breaks. */
  private static String cell(String text) {
    return line(text).replace("|", "\\|");
  }

  /**
   * Text from people and from the system under test, on one line, with HTML escaped: Markdown viewers render raw HTML,
   * and a summary quoting a response must not become a script in an auditor's browser.
   */
  private static String line(String text) {
    return text == null ? "" : text.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
  }
}
