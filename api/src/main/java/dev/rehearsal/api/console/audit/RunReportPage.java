package dev.rehearsal.api.console.audit;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.reports.HtmlReport;
import dev.rehearsal.activities.reports.RunReport;
import dev.rehearsal.api.rehearsals.RehearsalService;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A run's printable report in the console: the page of {@code GET /api/v1/rehearsals/{id}/report} (text/html), open
 * to every signed-in role as there. Served under the console's Content-Security-Policy, so its stylesheet is linked
 * ({@code /console/report.css}) instead of inline (no {@code 'unsafe-inline'} needed), and it carries no script.
 */
@Controller
class RunReportPage {
  static final String STYLESHEET = "/console/report.css";
  private static final HtmlReport.Links LINKS = new HtmlReport.Links(STYLESHEET, "/console/favicon.svg");
  private final RehearsalService rehearsals;
  private final EvidenceStore evidence;

  RunReportPage(RehearsalService rehearsals, EvidenceStore evidence) {
    this.rehearsals = rehearsals;
    this.evidence = evidence;
  }

  @GetMapping("/runs/{id}/report")
  ResponseEntity<String> report(@PathVariable String id) {
    // Links to the console's own downloads: the API's take bearer tokens, which a browser session does not send.
    RunReport report = RunReport.of(rehearsals.state(id), "/runs/" + id + "/evidence/");
    return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
        .body(HtmlReport.render(report, evidence.textReader(id), LINKS));
  }

  /** The report's own stylesheet, one source with the API's standalone report (which embeds it). */
  @GetMapping(STYLESHEET)
  ResponseEntity<String> stylesheet() {
    return ResponseEntity.ok().contentType(new MediaType("text", "css", StandardCharsets.UTF_8)).body(HtmlReport.stylesheet());
  }
}
