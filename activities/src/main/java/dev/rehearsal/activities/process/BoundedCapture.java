package dev.rehearsal.activities.process;

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
    BoundedCapture capture = new BoundedCapture(limit);
    Thread reader = new Thread(() -> capture.readAll(in), "capture");
    reader.setDaemon(true);
    reader.start();
    return capture;
  }

  private void readAll(InputStream in) {
    try (in) {
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        accept(buffer, n);
      }
    } catch (IOException closed) {
      // The process was killed under us; what was read so far is the evidence.
    } finally {
      ended.countDown();
    }
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
