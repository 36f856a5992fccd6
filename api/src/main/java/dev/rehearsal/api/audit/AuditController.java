package dev.rehearsal.api.audit;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchiveVerifier;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.api.problems.ApiException;
import dev.rehearsal.api.rehearsals.RehearsalService;
import dev.rehearsal.api.rehearsals.RunFilterParams;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What auditors ask of the archive as a whole: is it intact, and what happened, as a file to take away. */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {
  private final RehearsalService rehearsals;
  private final ArchiveVerifier verifier;
  private final Clock clock = Clock.systemUTC();

  public AuditController(RehearsalService rehearsals, Archive archive, EvidenceStore evidence) {
    this.rehearsals = rehearsals;
    this.verifier = new ArchiveVerifier(archive, evidence);
  }

  /** 200 either way: the answer is the report; {@code ok} says whether it found anything wrong. */
  @GetMapping("/verify")
  public ArchiveVerifier.Verification verify() {
    return verifier.verify();
  }

  @GetMapping("/export")
  public ResponseEntity<?> export(RunFilterParams filter, @RequestParam(defaultValue = "json") String format) {
    if (!format.equals("json") && !format.equals("csv")) {
      throw ApiException.badRequest("format must be json or csv");
    }
    // A closed run's state carries the refusals recorded after its close as well.
    AuditExport.Export export = AuditExport.of(rehearsals.states(filter.toFilter()), clock.instant());
    if (format.equals("json")) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(export);
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rehearsals.csv\"")
        .body(AuditExport.csv(export));
  }
}
