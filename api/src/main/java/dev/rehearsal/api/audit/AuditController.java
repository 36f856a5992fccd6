package dev.rehearsal.api.audit;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchiveVerifier;
import dev.rehearsal.activities.archive.HeadAnchor;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.api.errors.InvalidRequest;
import dev.rehearsal.api.rehearsals.RehearsalService;
import dev.rehearsal.api.rehearsals.RunFilter;
import dev.rehearsal.api.rehearsals.RunFilterParams;
import dev.rehearsal.worker.RehearsalProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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
  private final Archive archive;
  private final EvidenceStore evidence;
  private final Path dataDir;
  private final Clock clock = Clock.systemUTC();

  public AuditController(RehearsalService rehearsals, Archive archive, EvidenceStore evidence, RehearsalProperties properties) {
    this.rehearsals = rehearsals;
    this.archive = archive;
    this.evidence = evidence;
    this.dataDir = properties.dataDir();
  }

  /**
   * 200 either way: the answer is the report; {@code ok} says whether it found anything wrong. {@code expectHead}, a
   * chain head noted earlier ({@code headManifest} of an earlier answer), must still be in the chain.
   */
  @GetMapping("/verify")
  public ArchiveVerifier.Verification verify(@RequestParam(required = false) String expectHead) {
    if (expectHead != null && !HeadAnchor.isHead(expectHead)) {
      throw new InvalidRequest("expectHead must be a chain head: the 64 hex digits of its manifest's sha256");
    }
    return AuditVerification.run(dataDir, archive, evidence, Optional.ofNullable(expectHead));
  }

  @GetMapping("/export")
  public ResponseEntity<?> export(RunFilterParams filter, @RequestParam(defaultValue = "json") String format) {
    if (!format.equals("json") && !format.equals("csv")) {
      throw new InvalidRequest("format must be json or csv");
    }
    // A closed run's state carries the refusals recorded after its close as well.
    RunFilter selected = filter.toFilter();
    AuditExport.Export export = AuditExport.of(rehearsals.states(selected), rehearsals.refusedStarts(selected), clock.instant());
    if (format.equals("json")) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(export);
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rehearsals.csv\"")
        .body(AuditExport.csv(export));
  }
}
