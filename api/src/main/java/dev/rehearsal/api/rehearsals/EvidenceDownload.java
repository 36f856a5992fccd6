package dev.rehearsal.api.rehearsals;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.api.errors.EvidenceNotFound;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An artifact of a run as a download, the same for the API and the console: text, JSON or bytes by its name, always
 * an attachment and never sniffed, so an uploaded HTML page cannot run in a reader's browser. A kept directory
 * downloads as a zip of its files and manifest.
 */
public final class EvidenceDownload {
  private EvidenceDownload() {}

  /** The artifact {@code name} of run {@code id} in {@code evidence}; {@link EvidenceNotFound} when there is none. */
  public static ResponseEntity<Resource> of(EvidenceStore evidence, String id, String name) throws IOException {
    Optional<Path> directory = evidence.findDirectory(id, name);
    if (directory.isPresent()) {
      return zipped(directory.get(), name, evidence.find(id, name + ".sha256").orElseThrow(() -> new EvidenceNotFound(id, name)));
    }
    Path file = evidence.find(id, name).orElseThrow(() -> new EvidenceNotFound(id, name));
    String lower = name.toLowerCase(Locale.ROOT);
    MediaType type = lower.endsWith(".log") || lower.endsWith(".txt") || lower.endsWith(".sha256")
        ? new MediaType("text", "plain", StandardCharsets.UTF_8)
        : lower.endsWith(".json") ? MediaType.APPLICATION_JSON
        : MediaType.APPLICATION_OCTET_STREAM;
    return ResponseEntity.ok().contentType(type).contentLength(Files.size(file))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(new FileSystemResource(file));
  }

  /** A kept directory (a command's {@code out/}, a database dump) as one zip built while it is sent; see {@link ZippedDirectory}. */
  private static ResponseEntity<Resource> zipped(Path directory, String name, Path manifest) throws IOException {
    return ResponseEntity.ok().contentType(new MediaType("application", "zip"))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + ".zip").build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(new InputStreamResource(new ZippedDirectory(directory, name, manifest)));
  }
}
