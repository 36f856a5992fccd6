package dev.rehearsal.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 standing in for the application under rehearsal. */
public final class HttpTarget implements AutoCloseable {
  private final HttpServer server;
  private final ConcurrentHashMap<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private volatile int healthStatus = 200;
  /** When the slow job is done: a few seconds after its first poll. */
  private volatile long jobDoneAt = Long.MAX_VALUE;

  public HttpTarget() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      int status = 404;
      String body = "{\"error\":\"not found\"}";
      if (path.equals("/api/health")) {
        status = healthStatus;
        body = "{\"success\":" + (status == 200) + ",\"version\":\"v1.2.3\",\"checks\":{\"db\":\"up\"}}";
      } else if (path.startsWith("/api/jobs/")) {
        // A job that is done 2s after it was first asked about, and one that never is.
        jobDoneAt = Math.min(jobDoneAt, System.currentTimeMillis() + 2000);
        boolean done = path.equals("/api/jobs/slow") && System.currentTimeMillis() >= jobDoneAt;
        status = 200;
        body = "{\"state\":\"" + (done ? "done" : "running") + "\"}";
      } else if (path.equals("/echo-auth")) {
        status = 200;
        body = "token was " + exchange.getRequestHeaders().getFirst("Authorization");
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void healthStatus(int status) {
    this.healthStatus = status;
  }

  public int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
