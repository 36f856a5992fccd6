package dev.rehearsal.activities.process;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Drains a stream completely (so the process never blocks on a full pipe) but keeps only the first bytes. */
public final class BoundedCapture {
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final int limit;
  private long total;

  private BoundedCapture(int limit) {
    this.limit = limit;
  }

  /** Starts draining on its own thread. */
  public static BoundedCapture drain(InputStream in, int limit) {
    return drain(in, limit, null);
  }

  /**
   * Starts draining on its own thread, handing every whole line (beyond the limit too) to {@code lines} as it
   * arrives: a tool's progress can be followed while it runs.
   */
  public static BoundedCapture drain(InputStream in, int limit, Consumer<String> lines) {
    BoundedCapture capture = new BoundedCapture(limit);
    Thread reader = new Thread(() -> capture.readAll(in, lines), "capture");
    reader.setDaemon(true);
    reader.start();
    return capture;
  }

  private void readAll(InputStream in, Consumer<String> lines) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try (in) {
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        accept(buffer, n);
        if (lines != null) {
          split(buffer, n, line, lines);
        }
      }
    } catch (IOException closed) {
      // The process was killed under us; what was read so far is the evidence.
    } finally {
      ended.countDown();
    }
  }

  private static void split(byte[] buffer, int n, ByteArrayOutputStream line, Consumer<String> lines) {
    int start = 0;
    for (int i = 0; i < n; i++) {
      if (buffer[i] == '\n') {
        line.write(buffer, start, i - start);
        lines.accept(line.toString(StandardCharsets.UTF_8));
        line.reset();
        start = i + 1;
      }
    }
    line.write(buffer, start, n - start);
  }

  private synchronized void accept(byte[] buffer, int n) {
    int room = Math.max(0, limit - kept.size());
    kept.write(buffer, 0, Math.min(room, n));
    total += n;
  }

  /**
   * Waits for the end of the stream, but not forever: a grandchild that escaped the kill may hold the pipe open.
   */
  public BoundedCapture awaitEnd(Duration atMost) {
    try {
      ended.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return this;
  }

  public synchronized byte[] bytes() {
    return kept.toByteArray();
  }

  public synchronized boolean truncated() {
    return total > kept.size();
  }

  public synchronized long total() {
    return total;
  }
}
