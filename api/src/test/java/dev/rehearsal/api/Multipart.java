package dev.rehearsal.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A multipart/form-data body as a browser or curl -F sends it: text fields and files, each with its part name. */
public final class Multipart {
  private final String boundary = "----rehearsal" + UUID.randomUUID().toString().replace("-", "");
  private final List<byte[]> parts = new ArrayList<>();

  public Multipart field(String name, String value) {
    parts.add(("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public Multipart file(String name, String fileName, String type, byte[] content) {
    byte[] head = ("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] part = new byte[head.length + content.length];
    System.arraycopy(head, 0, part, 0, head.length);
    System.arraycopy(content, 0, part, head.length, content.length);
    parts.add(part);
    return this;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  byte[] body() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(part);
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
