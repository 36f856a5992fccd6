package dev.rehearsal.activities.process;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Drains a stream completely (so the process never blocks on a full pipe) but keeps only the first bytes, or for a
 * tool's log the first bytes and the last ones (where a tool that stops at its first error prints it).
 */
public final class BoundedCapture {
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final int limit;
  /** The last bytes past the head, as a ring; empty when only the head is kept. */
  private final byte[] tail;
  private long total;

  private BoundedCapture(int limit, int tailLimit) {
    this.limit = limit - tailLimit;
    this.tail = new byte[tailLimit];
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
    return start(new BoundedCapture(limit, 0), in, lines);
  }

  /**
   * As {@link #drain(InputStream, int, Consumer)}, but of a stream longer than {@code limit} it keeps the first three
   * quarters of the limit and the last quarter, with a line saying how much was cut between them.
   */
  public static BoundedCapture drainHeadAndTail(InputStream in, int limit, Consumer<String> lines) {
    return start(new BoundedCapture(limit, limit / 4), in, lines);
  }

  private static BoundedCapture start(BoundedCapture capture, InputStream in, Consumer<String> lines) {
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
    int head = Math.min(room, n);
    kept.write(buffer, 0, head);
    if (tail.length > 0) {
      for (int i = head; i < n; i++) {
        tail[(int) ((total + i - limit) % tail.length)] = buffer[i];
      }
    }
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
    long past = total - kept.size();
    if (tail.length == 0 || past == 0) {
      return kept.toByteArray();
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(kept.toByteArray());
    int last = (int) Math.min(past, tail.length);
    if (past > last) {
      all.writeBytes(("\n[... " + (past - last) + " bytes cut here ...]\n").getBytes(StandardCharsets.UTF_8));
    }
    int first = (int) ((past - last) % tail.length);
    for (int i = 0; i < last; i++) {
      all.write(tail[(first + i) % tail.length]);
    }
    return all.toByteArray();
  }

  public synchronized boolean truncated() {
    return total > kept.size() + Math.min(total - kept.size(), tail.length);
  }

  public synchronized long total() {
    return total;
  }
}
