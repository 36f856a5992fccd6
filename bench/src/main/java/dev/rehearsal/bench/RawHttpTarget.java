package dev.rehearsal.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The load benchmark's fallback target when nginx cannot be installed: a minimal HTTP/1.1 keep-alive server on
 * 127.0.0.1 (thread per connection, {@code 200 "ok"} to every body-less request), run by {@code bench/run-load.sh} in
 * its own JVM so its CPU is not in the generator's process. Much cheaper per request than the JDK's HttpServer (which
 * also delays each response by ~40 ms without {@code -Dsun.net.httpserver.nodelay=true}).
 *
 * <p>Arguments: {@code --port=N} (required).
 */
public final class RawHttpTarget {
  private static final byte[] RESPONSE =
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

  public static void main(String[] args) throws IOException {
    int port = -1;
    for (String a : args) {
      if (a.startsWith("--port=")) {
        port = Integer.parseInt(a.substring("--port=".length()));
      } else {
        throw new IllegalArgumentException("unexpected argument " + a + " (use --port=N)");
      }
    }
    if (port < 1) {
      throw new IllegalArgumentException("--port=N is required");
    }
    try (ServerSocket server = new ServerSocket(port, 4096, InetAddress.getLoopbackAddress())) {
      while (true) {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        Thread t = new Thread(() -> serve(s), "conn-" + s.getPort());
        t.setDaemon(true);
        t.start();
      }
    }
  }

  private static void serve(Socket s) {
    try (s; InputStream in = new BufferedInputStream(s.getInputStream(), 8192); OutputStream out = new BufferedOutputStream(s.getOutputStream(), 8192)) {
      int state = 0;
      int b;
      while ((b = in.read()) >= 0) {
        // Counts CR LF CR LF, the end of a request head; requests carry no body here.
        state = switch (state) {
          case 0, 2 -> b == '\r' ? state + 1 : 0;
          case 1 -> b == '\n' ? 2 : (b == '\r' ? 1 : 0);
          case 3 -> b == '\n' ? 4 : (b == '\r' ? 1 : 0);
          default -> 0;
        };
        if (state == 4) {
          // Requests already buffered (pipelined) are answered in one write.
          out.write(RESPONSE);
          if (in.available() == 0) {
            out.flush();
          }
          state = 0;
        }
      }
    } catch (IOException gone) {
      // The client closed the connection.
    }
  }
}
