package dev.rehearsal.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 with a login: {@code POST /api/login} with the right password answers a fresh
 * token (and an {@code X-Request-ID}), revoking the tokens of earlier logins (one session at a time); {@code GET
 * /api/me} and {@code POST /api/refresh} answer 401 unless called with {@code Authorization: Bearer <a valid token>};
 * refresh issues another token.
 */
public final class TokenTarget implements AutoCloseable {
  public static final String PASSWORD = "rehearsal-pw";

  private final HttpServer server;
  private final Set<String> valid = ConcurrentHashMap.newKeySet();
  private final List<String> issued = new CopyOnWriteArrayList<>();
  private final AtomicInteger logins = new AtomicInteger();
  private final AtomicInteger authorized = new AtomicInteger();

  public TokenTarget() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    boolean bearer = auth != null && auth.startsWith("Bearer ") && valid.contains(auth.substring("Bearer ".length()));
    int status;
    String answer;
    if (path.equals("/api/login") && exchange.getRequestMethod().equals("POST")) {
      logins.incrementAndGet();
      status = body.contains("\"" + PASSWORD + "\"") ? 200 : 401;
      if (status == 200) {
        valid.clear();
      }
      answer = status == 200 ? "{\"token\":\"" + issue() + "\",\"user\":\"rehearsal\"}" : "{\"error\":\"bad password\"}";
    } else if (path.startsWith("/api/me") && bearer) {
      authorized.incrementAndGet();
      status = 200;
      answer = "{\"user\":\"rehearsal\",\"path\":\"" + path + "\"}";
    } else if (path.equals("/api/refresh") && exchange.getRequestMethod().equals("POST") && bearer) {
      authorized.incrementAndGet();
      status = 200;
      answer = "{\"token\":\"" + issue() + "\"}";
    } else {
      status = 401;
      answer = "{\"error\":\"unauthorized\"}";
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("X-Request-ID", "req-" + logins.get() + "-" + authorized.get());
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private String issue() {
    String token = "tok-" + UUID.randomUUID();
    valid.add(token);
    issued.add(token);
    return token;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every token handed out so far: none of them may be found anywhere the run leaves things. */
  public List<String> issued() {
    return List.copyOf(issued);
  }

  public int logins() {
    return logins.get();
  }

  /** Requests that carried a valid token. */
  public int authorized() {
    return authorized.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
