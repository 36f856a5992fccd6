package dev.rehearsal.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body whose files are streamed from disk as the request is sent, never held in memory:
 * an attachment may be a large screenshot or log.
 */
final class MultipartBody implements RequestBody {
  /** A piece of the body: fixed bytes, or a file read as it is sent. */
  private record Part(byte[] bytes, Path file, long length) {}

  private final String boundary = "rehearsal-" + UUID.randomUUID();
  private final List<Part> parts = new ArrayList<>();

  MultipartBody text(String name, String value) {
    parts.add(utf8(head(name) + "\r\n\r\n" + value + "\r\n"));
    return this;
  }

  /** A file part named by the file's own name, which the server checks (a plain name, no path). */
  MultipartBody file(String name, Path file) {
    String fileName = file.getFileName().toString().replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    parts.add(utf8(head(name) + "; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
    try {
      parts.add(new Part(null, file, Files.size(file)));
    } catch (IOException e) {
      throw new CliFailure(ExitCode.USAGE, file + ": no such file");
    }
    parts.add(utf8("\r\n"));
    return this;
  }

  @Override
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  @Override
  public long length() {
    return parts.stream().mapToLong(Part::length).sum() + closing().length;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    for (Part part : parts) {
      if (part.file() == null) {
        out.write(part.bytes());
      } else {
        try {
          Files.copy(part.file(), out);
        } catch (NoSuchFileException gone) {
          throw new CliFailure(ExitCode.USAGE, part.file() + ": no such file");
        }
      }
    }
    out.write(closing());
  }

  private byte[] closing() {
    return ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private String head(String name) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
  }

  private static Part utf8(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new Part(bytes, null, bytes.length);
  }
}
