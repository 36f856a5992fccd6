package dev.rehearsal.api.audit;

import dev.rehearsal.activities.archive.ArchiveVerifier;
import dev.rehearsal.activities.archive.HeadAnchor;
import dev.rehearsal.api.errors.InvalidRequest;
import dev.rehearsal.api.rehearsals.RunFilterParams;
import java.nio.charset.StandardCharsets;
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
  private final AuditService audit;

  public AuditController(AuditService audit) {
    this.audit = audit;
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
    return audit.verify(Optional.ofNullable(expectHead));
  }

  @GetMapping("/export")
  public ResponseEntity<?> export(RunFilterParams filter, @RequestParam(defaultValue = "json") String format) {
    if (!format.equals("json") && !format.equals("csv")) {
      throw new InvalidRequest("format must be json or csv");
    }
    AuditExport.Export export = audit.export(filter.toFilter());
    if (format.equals("json")) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(export);
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rehearsals.csv\"")
        .body(AuditService.csv(export));
  }
}
