package dev.rehearsal.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A fast local HTTP target in the harness JVM: every GET answers 200 "ok" at once; it counts what it served. */
final class FastTarget implements AutoCloseable {
  private static final byte[] OK = "ok".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newFixedThreadPool(4);
  private final AtomicLong served = new AtomicLong();

  FastTarget() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the HTTP target", e);
    }
    server.createContext("/", exchange -> {
      try (exchange; OutputStream body = exchange.getResponseBody()) {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, OK.length);
        body.write(OK);
      }
      served.incrementAndGet();
    });
    server.setExecutor(handlers);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  long served() {
    return served.get();
  }

  @Override
  public void close() throws InterruptedException {
    server.stop(0);
    handlers.shutdown();
    handlers.awaitTermination(5, TimeUnit.SECONDS);
  }
}
