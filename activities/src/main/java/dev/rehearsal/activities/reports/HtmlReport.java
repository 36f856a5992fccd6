package dev.rehearsal.activities.reports;

import dev.rehearsal.workflows.rehearsal.ApprovalRecord;
import dev.rehearsal.workflows.rehearsal.GateState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The report as a page a person reads: a summary, the steps, the gates with their charts, decisions and sign-off. */
public final class HtmlReport {
  private static final String STYLE = """
      body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;color:#1d2430;line-height:1.4}
      table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #dde2ea;padding:.35rem .5rem;text-align:left;vertical-align:top}
      th{background:#f4f6f9}.PASS,.SUCCEEDED{color:#176b2c;font-weight:600}.WARN,.INCONCLUSIVE,.AWAITING_APPROVAL{color:#8a5a00;font-weight:600}
      .FAIL,.FAILED,.REJECTED,.TIMED_OUT,.CANCELLED{color:#a4161a;font-weight:600}code{font-size:.85em}.muted{color:#667085}
      figure{margin:1rem 0}figcaption{font-size:.9em;color:#667085}
      """;

  private HtmlReport() {}

  /** The report's stylesheet (CSS), for a page that links it rather than embedding it. */
  public static String stylesheet() {
    return STYLE;
  }

  /** @param svg an SVG artifact's text by name, to embed the load steps' latency charts */
  public static String render(RunReport r, Function<String, Optional<String>> svg) {
    return render(r, svg, null);
  }

  /**
   * Where a page served under a Content-Security-Policy without inline styles links its stylesheet
   * ({@link #stylesheet()}) and icon from.
   */
  public record Links(String stylesheet, String icon) {}

  /**
   * @param svg an SVG artifact's text by name, to embed the load steps' latency charts
   * @param linked where the page links its stylesheet and icon from; null embeds the stylesheet, so a saved report stands alone
   */
  public static String render(RunReport r, Function<String, Optional<String>> svg, Links linked) {
    String head = linked == null ? "<style>" + STYLE + "</style>" : "<link rel=\"stylesheet\" href=\"" + e(linked.stylesheet())
        + "\"><link rel=\"icon\" href=\"" + e(linked.icon()) + "\">";
    StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Rehearsal ")
        .append(e(r.id())).append("</title>").append(head).append("</head><body>");
    h.append("<h1>Rehearsal of ").append(e(r.plan())).append(" for ").append(e(r.releaseCandidate())).append("</h1>");
    h.append("<table>");
    row(h, "Run", e(r.id()));
    row(h, "Environment", e(r.environment()));
    row(h, "Status", badge(String.valueOf(r.status())));
    row(h, "Readiness", badge(Objects.toString(r.readiness(), null)) + (r.readinessEstimate() == null ? "" : " " + e(r.readinessEstimate())));
    row(h, "Started", e(Format.time(r.startedAt())) + " by " + e(r.initiator()));
    row(h, "Finished", e(Format.time(r.finishedAt())));
    row(h, "Evidence digest", "<code>" + e(r.evidenceDigest()) + "</code>");
    h.append("</table>");

    h.append("<h2>Steps</h2><table><tr><th>Step</th><th>Phase</th><th>Status</th><th>Attempts</th><th>Seconds</th><th>Summary</th><th>Evidence</th></tr>");
    for (RunReport.Step s : r.steps()) {
      StringBuilder links = new StringBuilder();
      s.evidence().forEach(a -> links.append("<a href=\"").append(e(a.href())).append("\">").append(e(a.name())).append("</a> <code class=\"muted\">")
          .append(e(a.sha256().substring(0, 12))).append("</code><br>"));
      h.append("<tr><td>").append(e(s.name())).append("</td><td>").append(e(s.phase())).append("</td><td>").append(badge(s.status()))
          .append("</td><td>").append(s.attempts()).append("</td><td>").append(s.seconds() == null ? "" : Format.number(s.seconds()))
          .append("</td><td>").append(e(s.summary())).append("</td><td>").append(links).append("</td></tr>");
    }
    h.append("</table>");

    if (!r.gates().isEmpty()) {
      h.append("<h2>Gates</h2><table><tr><th>Gate</th><th>Verdict</th><th>Value</th><th>Thresholds</th><th>Baseline</th><th>Note</th></tr>");
      for (GateState g : r.gates()) {
        h.append("<tr><td>").append(e(g.name())).append("</td><td>").append(badge(g.verdict().name())).append("</td><td>")
            .append(g.value() == null ? "<span class=\"muted\">no samples</span>" : Format.number(g.value())).append("</td><td>")
            .append(e(Format.thresholds(g.thresholds()))).append("</td><td>").append(g.baseline() == null ? "" : Format.number(g.baseline()))
            .append("</td><td>").append(e(g.note())).append("</td></tr>");
      }
      h.append("</table>");
    }
    for (RunReport.Step s : r.steps()) {
      // Only the chart a load step drew: an .svg a command wrote and kept as an artifact is the tool's, not ours.
      s.evidence().stream().filter(a -> a.name().equals(s.name() + ".a" + s.attempts() + ".latency.svg")).forEach(a -> svg.apply(a.name()).ifPresent(chart ->
          h.append("<figure>").append(inlineSvg(chart)).append("<figcaption>").append(e(s.name())).append(": latency over time (")
              .append(e(a.name())).append(")</figcaption></figure>")));
    }

    h.append("<h2>Decisions</h2>");
    if (r.approvals().isEmpty() && r.refusedApprovals().isEmpty()) {
      h.append("<p class=\"muted\">None yet.</p>");
    }
    h.append("<ul>");
    for (ApprovalRecord a : r.approvals()) {
      h.append("<li>").append(badge(a.decision() == null ? "" : a.decision().name().equals("APPROVE") ? "PASS" : "FAIL", String.valueOf(a.decision())))
          .append(" by <b>").append(e(a.actor())).append("</b> at ").append(e(Format.time(a.at())))
          .append(a.comment() == null || a.comment().isBlank() ? "" : ": " + e(a.comment()));
      if (!a.waivers().isEmpty()) {
        h.append("<ul>");
        a.waivers().forEach((gate, why) -> h.append("<li>waiver for <code>").append(e(gate)).append("</code>: ").append(e(why)).append("</li>"));
        h.append("</ul>");
      }
      h.append("</li>");
    }
    for (RunReport.Refusal f : r.refusedApprovals()) {
      h.append("<li class=\"muted\">refused: ").append(e(f.actor())).append(" at ").append(e(Format.time(f.at()))).append(": ")
          .append(e(f.reason())).append("</li>");
    }
    h.append("</ul>");

    List<String> stepDecisions = FailureDecisionLines.of(r.failureDecisions());
    if (!stepDecisions.isEmpty()) {
      h.append("<h2>Decisions on failed steps</h2><ul>");
      stepDecisions.forEach(line -> h.append("<li>").append(e(line)).append("</li>"));
      h.append("</ul>");
    }

    RunReport.SignOff so = r.signOff();
    h.append("<h2>Sign-off</h2><table>");
    row(h, "Release candidate", e(so.releaseCandidate()));
    row(h, "Date (UTC)", e(Format.time(so.date())));
    row(h, "Operator", e(so.operator()));
    row(h, "Approved by", e(String.join(", ", so.approvedBy())));
    row(h, "Notes", e(String.join("; ", so.notes())));
    StringBuilder exceptions = new StringBuilder();
    so.exceptions().forEach((gate, why) -> exceptions.append(e(gate)).append(": ").append(e(why)).append("<br>"));
    row(h, "Exceptions", exceptions.length() == 0 ? "none" : exceptions.toString());
    if (so.rules() != null) {
      row(h, "Rules in force", e(so.rules()));
    }
    h.append("</table></body></html>");
    return h.toString();
  }

  /** Only the {@code <svg>} element, with scripts and event handlers removed: an artifact is data, not code. */
  private static String inlineSvg(String text) {
    int start = text.indexOf("<svg");
    String svg = start < 0 ? "" : text.substring(start);
    return svg.replaceAll("(?is)<script.*?</script>", "").replaceAll("(?i)\\son\\w+\\s*=\\s*(\"[^\"]*\"|'[^']*')", "");
  }

  private static void row(StringBuilder h, String key, String html) {
    h.append("<tr><th>").append(e(key)).append("</th><td>").append(html).append("</td></tr>");
  }

  private static String badge(String verdict) {
    return badge(verdict, verdict);
  }

  private static String badge(String cssClass, String text) {
    return "<span class=\"" + e(cssClass) + "\">" + e(text) + "</span>";
  }

  static String e(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
