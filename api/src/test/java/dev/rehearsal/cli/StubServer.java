package dev.rehearsal.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A tiny HTTP server on 127.0.0.1 playing what stands between a pipeline and Rehearsal: a sign-in proxy, a web app that
 * answers every path, a server that fails for a while. Each prefix has its own handler, which answers a {@link Reply}
 * (or null: the connection is dropped with no answer at all).
 */
final class StubServer implements AutoCloseable {
  /** An answer: status, Content-Type (null: none), body, and a Location (null: none). */
  record Reply(int status, String type, String body, String location) {
    static Reply json(String body) {
      return new Reply(200, "application/json", body, null);
    }

    static Reply of(int status, String type, String body) {
      return new Reply(status, type, body, null);
    }
  }

  private final HttpServer server;

  StubServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.start();
  }

  /** Answers every request under {@code prefix} with what {@code handler} makes of it. */
  StubServer on(String prefix, Function<HttpExchange, Reply> handler) {
    server.createContext(prefix, exchange -> {
      try (exchange) {
        Reply reply = handler.apply(exchange);
        if (reply == null) {
          return;
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        if (reply.type() != null) {
          exchange.getResponseHeaders().add("Content-Type", reply.type());
        }
        if (reply.location() != null) {
          exchange.getResponseHeaders().add("Location", reply.location());
        }
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
      }
    });
    return this;
  }

  String url(String prefix) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
