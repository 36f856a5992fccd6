package dev.rehearsal.api.rehearsals;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.reports.HtmlReport;
import dev.rehearsal.activities.reports.MarkdownReport;
import dev.rehearsal.activities.reports.RunReport;
import dev.rehearsal.api.history.HistoryTimeline;
import dev.rehearsal.api.history.TimelineEntry;
import dev.rehearsal.api.errors.InvalidRequest;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.workflows.rehearsal.ApprovalResult;
import dev.rehearsal.workflows.rehearsal.ManualCompletionRecord;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rehearsals")
public class RehearsalController {
  private final RehearsalService rehearsals;
  private final RunDecisions decisions;
  private final HistoryTimeline timeline;
  private final EvidenceStore evidence;
  private final ManualCompletions completions;

  public RehearsalController(RehearsalService rehearsals, RunDecisions decisions, HistoryTimeline timeline, EvidenceStore evidence,
      ManualCompletions completions) {
    this.rehearsals = rehearsals;
    this.completions = completions;
    this.decisions = decisions;
    this.timeline = timeline;
    this.evidence = evidence;
  }

  public record StartResponse(String id, RunStatus status) {}

  @PostMapping(consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml"})
  public ResponseEntity<StartResponse> start(@AuthenticationPrincipal RehearsalUser user, @RequestBody String body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    RehearsalService.Started started = rehearsals.start(user, body, idempotencyKey);
    StartResponse response = new StartResponse(started.id(), started.status());
    if (!started.created()) {
      return ResponseEntity.ok(response);
    }
    return ResponseEntity.created(URI.create("/api/v1/rehearsals/" + started.id())).body(response);
  }

  @GetMapping
  public RunPage list(RunFilterParams filter, @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String cursor) {
    return rehearsals.list(filter.toFilter(), limit, cursor);
  }

  @GetMapping("/{id}")
  public RehearsalState get(@PathVariable String id) {
    return rehearsals.state(id);
  }

  /** JSON only: decisions are small and need no YAML parser. */
  @PostMapping(value = "/{id}/approvals", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ApprovalResult approve(@AuthenticationPrincipal RehearsalUser user, @PathVariable String id, @RequestBody ApprovalBody body) {
    return decisions.decide(user, id, body);
  }

  /** Multipart: {@code outcome}, {@code note}, and files as {@code attachment}; see docs/plans.md "Manual steps". */
  @PostMapping(value = "/{id}/steps/{step}/complete", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ManualCompletionRecord complete(@AuthenticationPrincipal RehearsalUser user, @PathVariable String id,
      @PathVariable String step, MultipartHttpServletRequest body) {
    return completions.complete(user, id, step, body.getParameterMap(), body.getMultiFileMap());
  }

  @PostMapping(value = "/{id}/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<RehearsalState> cancel(@AuthenticationPrincipal RehearsalUser user, @PathVariable String id,
      @RequestBody(required = false) CancelBody body) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(decisions.cancel(user, id, body == null ? null : body.reason()));
  }

  @GetMapping(value = "/{id}/history", params = "!format")
  public List<TimelineEntry> history(@PathVariable String id) {
    return timeline.of(id, rehearsals.history(id));
  }

  /** The raw Temporal history, replayable with {@code WorkflowReplayer}. */
  @GetMapping(value = "/{id}/history", params = "format")
  public ResponseEntity<String> rawHistory(@PathVariable String id, @RequestParam String format) {
    if (!"temporal".equals(format)) {
      throw new InvalidRequest("format must be 'temporal' (or left out for the domain timeline)");
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(rehearsals.historyJson(id));
  }

  @GetMapping(value = "/{id}/report", produces = MediaType.APPLICATION_JSON_VALUE)
  public RunReport report(@PathVariable String id) {
    return RunReport.of(rehearsals.state(id));
  }

  @GetMapping(value = "/{id}/report", produces = "text/markdown")
  public ResponseEntity<String> markdownReport(@PathVariable String id) {
    return ResponseEntity.ok().contentType(new MediaType("text", "markdown", java.nio.charset.StandardCharsets.UTF_8))
        .body(MarkdownReport.render(RunReport.of(rehearsals.state(id))));
  }

  @GetMapping(value = "/{id}/report", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> htmlReport(@PathVariable String id) {
    RunReport report = RunReport.of(rehearsals.state(id));
    String page = HtmlReport.render(report, evidence.textReader(id));
    return ResponseEntity.ok().contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8)).body(page);
  }

  @GetMapping("/{id}/evidence/{name}")
  public ResponseEntity<Resource> evidence(@PathVariable String id, @PathVariable String name) throws IOException {
    return EvidenceDownload.of(evidence, id, name);
  }
}
