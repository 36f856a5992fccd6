package dev.rehearsal.api.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: no client normalises the path or refuses a method, and a
 * body can be streamed (or left unsent) while the response is read, as a hostile client would.
 */
final class RawHttp {
  /** Writes a request body to the socket; may be cut short by the server closing the connection. */
  interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }

  record Response(int status, Map<String, String> headers, String body) {
    String contentType() {
      return headers.getOrDefault("content-type", "");
    }
  }

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  /** A request without a body: {@code requestLine} as sent, e.g. {@code GET /a%2f..%2fb HTTP/1.1}. */
  Response send(String requestLine, Map<String, String> headers) {
    return send(requestLine, headers, out -> {});
  }

  Response send(String requestLine, Map<String, String> headers, BodyWriter body) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      OutputStream out = socket.getOutputStream();
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread writer = new Thread(() -> {
        try {
          body.write(out);
          out.flush();
        } catch (IOException e) {
          // The server answered and closed before taking the whole body: what a limit is for.
        }
      });
      writer.setDaemon(true);
      writer.start();
      byte[] response = readResponse(socket.getInputStream());
      return parse(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A chunked body of {@code total} bytes, {@code piece} repeated. */
  static BodyWriter chunked(byte[] piece, long total) {
    return out -> {
      long sent = 0;
      while (sent < total) {
        out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(piece);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        sent += piece.length;
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    };
  }

  /**
   * Until the response is complete (by its Content-Length or last chunk) or the server closes: a server that
   * refused a body may keep draining it, and a reset after the response (the server discarding it) ends it too.
   */
  private static byte[] readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; !complete(bytes.toByteArray()) && (n = in.read(buffer)) >= 0; ) {
        bytes.write(buffer, 0, n);
      }
    } catch (SocketException e) {
      if (bytes.size() == 0) {
        throw e;
      }
    }
    return bytes.toByteArray();
  }

  private static boolean complete(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = text.substring(0, end).toLowerCase(Locale.ROOT);
    String body = text.substring(end + 4);
    int length = head.indexOf("\r\ncontent-length:");
    if (length >= 0) {
      int lineEnd = head.indexOf("\r\n", length + 2);
      String value = head.substring(length + 17, lineEnd < 0 ? head.length() : lineEnd).trim();
      return body.length() >= Integer.parseInt(value);
    }
    if (head.contains("\r\ntransfer-encoding: chunked")) {
      return body.startsWith("0\r\n\r\n") || body.contains("\r\n0\r\n\r\n");
    }
    return false;
  }

  private static Response parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("no complete response head in: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    return new Response(status, headers, "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(body) : body);
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < body.length()) {
      int lineEnd = body.indexOf("\r\n", at);
      int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(body, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toString();
  }
}
