package dev.rehearsal.worker;

import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import io.temporal.testserver.TestServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode's embedded Temporal service: {@code temporal server start-dev} (SQLite, persists) when a Temporal CLI
 * is available, otherwise the SDK's in-memory test server (forgets everything on exit). Says loudly which.
 */
public final class LocalTemporalServer implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(LocalTemporalServer.class);

  private final TemporalEndpoint endpoint;
  private final AutoCloseable server;

  private LocalTemporalServer(TemporalEndpoint endpoint, AutoCloseable server) {
    this.endpoint = endpoint;
    this.server = server;
  }

  public static LocalTemporalServer start(TemporalProperties temporal, Path dataDir) {
    int port = temporal.localPort() == 0 ? freePort() : temporal.localPort();
    Optional<Path> cli = findCli(temporal.cli());
    if (cli.isPresent()) {
      Path db = dataDir.toAbsolutePath().resolve("temporal.sqlite");
      createDirectories(dataDir);
      TemporalDevServer dev = TemporalDevServer.start(
          TemporalDevServerOptions.newBuilder()
              .setExistingPath(cli.get().toString())
              .setDownloadEnabled(false)
              .setPort(port)
              .setDatabaseFilename(db.toString())
              .build());
      banner("temporal server start-dev (" + cli.get() + ") on " + dev.getTarget()
          + ", state PERSISTS in " + db);
      return new LocalTemporalServer(new TemporalEndpoint(dev.getTarget(), dev.getNamespace(), TemporalServerKind.DEV_SERVER), dev);
    }
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
    banner("the Temporal SDK's IN-MEMORY test server on 127.0.0.1:" + port
        + "; NOTHING PERSISTS: runs are lost when this process stops. Set TEMPORAL_ADDRESS for a real cluster,"
        + " or put the temporal CLI on the PATH for a persistent local server.");
    return new LocalTemporalServer(new TemporalEndpoint("127.0.0.1:" + port, temporal.namespace(), TemporalServerKind.IN_MEMORY), server);
  }

  public TemporalEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (Exception e) {
      log.warn("stopping the local Temporal server failed", e);
    }
  }

  private static void banner(String what) {
    log.warn("\n*****************************************************************\n"
        + " LOCAL MODE (TEMPORAL_ADDRESS is unset): started " + what
        + "\n*****************************************************************");
  }

  private static Optional<Path> findCli(String configured) {
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "temporal"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for local Temporal", e);
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dir, e);
    }
  }
}
