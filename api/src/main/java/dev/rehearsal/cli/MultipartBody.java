package dev.rehearsal.cli;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body whose files are streamed from disk as the request is sent, never held in memory:
 * an attachment may be a large screenshot or log.
 */
final class MultipartBody {
  private final String boundary = "rehearsal-" + UUID.randomUUID();
  private final List<HttpRequest.BodyPublisher> parts = new ArrayList<>();

  MultipartBody text(String name, String value) {
    parts.add(utf8(head(name) + "\r\n\r\n" + value + "\r\n"));
    return this;
  }

  /** A file part named by the file's own name, which the server checks (a plain name, no path). */
  MultipartBody file(String name, Path file) {
    String fileName = file.getFileName().toString().replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    parts.add(utf8(head(name) + "; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
    try {
      parts.add(HttpRequest.BodyPublishers.ofFile(file));
    } catch (FileNotFoundException e) {
      throw new CliFailure(ExitCode.USAGE, file + ": no such file");
    }
    parts.add(utf8("\r\n"));
    return this;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  HttpRequest.BodyPublisher publisher() {
    List<HttpRequest.BodyPublisher> all = new ArrayList<>(parts);
    all.add(utf8("--" + boundary + "--\r\n"));
    return HttpRequest.BodyPublishers.concat(all.toArray(HttpRequest.BodyPublisher[]::new));
  }

  private String head(String name) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
  }

  private static HttpRequest.BodyPublisher utf8(String text) {
    return HttpRequest.BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8));
  }
}
