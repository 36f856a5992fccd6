package dev.rehearsal.activities.steps;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application on 127.0.0.1 with slow work: a job that is done a while after the server starts, one that never is,
 * an item whose DELETE is accepted and which disappears a while later, and a header carrying a secret.
 */
final class JobServer implements AutoCloseable {
  private final HttpServer server;
  private final long started = System.currentTimeMillis();
  private final long doneAfterMillis;
  private volatile long deletedAt = Long.MAX_VALUE;
  final AtomicInteger jobPolls = new AtomicInteger();

  JobServer(long doneAfterMillis) {
    this.doneAfterMillis = doneAfterMillis;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      int status = 200;
      String body;
      long now = System.currentTimeMillis();
      if (path.equals("/jobs/slow")) {
        jobPolls.incrementAndGet();
        body = "{\"state\":\"" + (now - started >= doneAfterMillis ? "done" : "running") + "\",\"progress\":" + Math.min(100, (now - started) * 100 / doneAfterMillis) + "}";
      } else if (path.equals("/jobs/stuck")) {
        body = "{\"state\":\"running\"}";
      } else if (path.equals("/items/1") && exchange.getRequestMethod().equals("DELETE")) {
        deletedAt = now + doneAfterMillis;
        status = 202;
        body = "{}";
      } else if (path.equals("/items/1")) {
        status = now >= deletedAt ? 404 : 200;
        body = "{\"id\":1}";
      } else if (path.equals("/whoami")) {
        exchange.getResponseHeaders().set("X-Request-ID", "req-7");
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
          exchange.getResponseHeaders().set("X-Token", auth);
        }
        body = "{\"user\":\"rehearsal\",\"count\":0,\"metrics\":[]}";
      } else {
        status = 404;
        body = "{}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
