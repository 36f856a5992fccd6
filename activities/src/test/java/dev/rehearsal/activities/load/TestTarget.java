package dev.rehearsal.activities.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.plan.LoadSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 whose routes the tests script (latency, errors, stalls, probes).
 *
 * <p>The JDK server writes the response head and body in two writes; without TCP_NODELAY the body waits for the
 * client's delayed ACK (~40 ms on Linux loopback) and every latency figure would be off. Hence the property (read
 * when the first server in the JVM starts) and body-less answers for the load routes, which need no body.
 */
final class TestTarget implements AutoCloseable {
  static {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  static final ObjectMapper JSON = new ObjectMapper();

  record Reply(int status, String contentType, String body) {
    /** No body: the answer then leaves in one TCP segment (see the class comment). */
    static Reply ok() {
      return status(200);
    }

    static Reply status(int status) {
      return new Reply(status, "text/plain", "");
    }

    static Reply json(Object value) {
      try {
        return new Reply(200, "application/json", JSON.writeValueAsString(value));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    static Reply text(String body) {
      return new Reply(200, "text/plain; version=0.0.4", body);
    }
  }

  interface Route {
    Reply handle(HttpExchange exchange) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService executor;
  final long startNanos = System.nanoTime();

  TestTarget() throws IOException {
    AtomicInteger n = new AtomicInteger();
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-target-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.setExecutor(executor);
    server.start();
  }

  TestTarget route(String path, Route route) {
    server.createContext(path, exchange -> {
      try {
        try (InputStream in = exchange.getRequestBody()) {
          in.readAllBytes();
        }
        Reply reply;
        try {
          reply = route.handle(exchange);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          reply = new Reply(500, "text/plain", String.valueOf(e));
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      } catch (IOException clientWentAway) {
        // The generator cancelled or timed out the request.
      } finally {
        exchange.close();
      }
    });
    return this;
  }

  /** Milliseconds since this server started: the clock the scripted behaviours follow. */
  long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  ResolvedLoad load(String specJson) {
    try {
      return new ResolvedLoad(JSON.readValue(specJson, LoadSpec.class), base(), Map.of("X-Test", "rehearsal"));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
