package dev.rehearsal.api.console.audit;

import dev.rehearsal.api.audit.AuditExport;
import dev.rehearsal.api.audit.AuditService;
import dev.rehearsal.api.rehearsals.RunFilterParams;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The audit page's export links (AUDITOR): the export of {@code GET /api/v1/audit/export} with the same filters, as a
 * file to save (attachment, never sniffed), for a browser session that holds no bearer token.
 */
@Controller
class AuditExports {
  private final AuditService audit;

  AuditExports(AuditService audit) {
    this.audit = audit;
  }

  @GetMapping("/audit/export.csv")
  ResponseEntity<String> csv(RunFilterParams filter) {
    return download("rehearsals.csv", new MediaType("text", "csv", StandardCharsets.UTF_8))
        .body(AuditService.csv(audit.export(filter.toFilter())));
  }

  @GetMapping("/audit/export.json")
  ResponseEntity<AuditExport.Export> json(RunFilterParams filter) {
    return download("rehearsals.json", MediaType.APPLICATION_JSON).body(audit.export(filter.toFilter()));
  }

  private static ResponseEntity.BodyBuilder download(String name, MediaType type) {
    return ResponseEntity.ok().contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
        .header("X-Content-Type-Options", "nosniff");
  }
}
