package dev.rehearsal.activities.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal keep-alive HTTP/1.1 server (thread per connection, empty 200 to every body-less request): much cheaper
 * than the JDK's HttpServer, so a throughput measurement shows the generator's limit rather than the target's.
 */
final class RawTarget implements AutoCloseable {
  private static final byte[] RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private final ServerSocket server;

  RawTarget() throws IOException {
    server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "raw-target-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        Thread t = new Thread(() -> serve(s), "raw-target-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void serve(Socket s) {
    try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
      int state = 0;
      int b;
      while ((b = in.read()) >= 0) {
        // Count CR LF CR LF: the end of a request head.
        state = switch (state) {
          case 0, 2 -> b == '\r' ? state + 1 : 0;
          case 1 -> b == '\n' ? 2 : (b == '\r' ? 1 : 0);
          case 3 -> b == '\n' ? 4 : (b == '\r' ? 1 : 0);
          default -> 0;
        };
        if (state == 4) {
          out.write(RESPONSE);
          out.flush();
          state = 0;
        }
      }
    } catch (IOException gone) {
      // Client closed the connection.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
