package dev.rehearsal.api.reports;

import dev.rehearsal.activities.reports.RunReport;
import dev.rehearsal.api.rehearsals.RehearsalService;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The run report as JUnit XML ({@code Accept: application/xml} or {@code application/junit+xml}), beside its JSON,
 * Markdown and HTML forms on the same path and for the same callers; answered as {@code application/xml} either way.
 * See {@link JunitReport}.
 */
@RestController
public class JunitReportController {
  private final RehearsalService rehearsals;

  public JunitReportController(RehearsalService rehearsals) {
    this.rehearsals = rehearsals;
  }

  @GetMapping(value = "/api/v1/rehearsals/{id}/report", produces = {MediaType.APPLICATION_XML_VALUE, "application/junit+xml"})
  public ResponseEntity<String> junitReport(@PathVariable String id) {
    var state = rehearsals.state(id);
    String xml = JunitReport.render(RunReport.of(state), state.cancellation());
    return ResponseEntity.ok().contentType(new MediaType("application", "xml", StandardCharsets.UTF_8)).body(xml);
  }
}
