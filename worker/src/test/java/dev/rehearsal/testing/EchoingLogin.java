package dev.rehearsal.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A real HTTP server on 127.0.0.1 whose login answers a token with a quote, a slash and a non-ASCII letter (so it is
 * JSON-escaped in the answer) and a session id, and whose {@code GET /echo} echoes both back unasked: the token in
 * its body, the session in a {@code Set-Cookie}.
 */
public final class EchoingLogin implements AutoCloseable {
  public static final String TOKEN = "ab/cd+ef\"gh\u00e9Zz9931";
  /** The token as this server writes it in JSON: '/' escaped, non-ASCII as a lower-hex escape. */
  public static final String TOKEN_IN_JSON = "ab\\/cd+ef\\\"gh\\u00e9Zz9931";
  public static final String SESSION = "sess-5c1e0d7a9b";

  private final HttpServer server;

  public EchoingLogin() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String body;
      if (path.equals("/login")) {
        body = "{\"token\":\"" + TOKEN_IN_JSON + "\",\"session\":\"" + SESSION + "\"}";
      } else {
        exchange.getResponseHeaders().set("Set-Cookie", "sid=" + SESSION + "; Path=/; HttpOnly");
        body = "{\"tok\":\"" + TOKEN_IN_JSON + "\"}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
