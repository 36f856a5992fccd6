package dev.rehearsal.activities.postgres;

import dev.rehearsal.activities.process.BoundedCapture;
import dev.rehearsal.activities.process.Heartbeats;
import io.temporal.activity.ActivityExecutionContext;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code pg_dump}'s stdout piped into {@code pg_restore}'s stdin by the activity, which keeps every byte in a file as
 * it passes and hashes it on the way: the restore overlaps the dump and the snapshot is still kept. Writing the file
 * and hashing run on a second thread, so {@code pg_restore} is fed as soon as {@code pg_dump} writes.
 */
final class DumpPipe {
  /** What the keeper thread takes at once; pipe reads return at most 64 KiB, so one chunk gathers several. */
  private static final int CHUNK = 1 << 20;
  private static final int CHUNKS = 8;
  private static final int PIPE_READ = 1 << 16;
  private static final Duration KILL_GRACE = Duration.ofSeconds(3);

  /** Exit codes are empty when the processes were killed at the timeout; {@code sha256} is null when copying failed. */
  record Outcome(Optional<Integer> dumpExit, Optional<Integer> restoreExit, String dumpLog, String restoreLog, long bytes,
      String sha256, String copyError, Duration took) {}

  private final Process dump;
  private final Process restore;
  private final BoundedCapture dumpLog;
  private final BoundedCapture restoreLog;
  private final AtomicLong bytes = new AtomicLong();
  private final CompletableFuture<String> copied;
  private final long started = System.nanoTime();

  private DumpPipe(Process dump, Process restore, FileChannel file, Consumer<String> restoreLines) {
    this.dump = dump;
    this.restore = restore;
    this.dumpLog = BoundedCapture.drainHeadAndTail(dump.getErrorStream(), PgTools.logLimit(), null);
    this.restoreLog = BoundedCapture.drainHeadAndTail(restore.getErrorStream(), PgTools.logLimit(), restoreLines);
    this.copied = CompletableFuture.supplyAsync(() -> pump(file), PgSteps.WORK);
    // One side failing leaves the other waiting on a pipe nobody serves: stop it too.
    dump.onExit().thenAccept(p -> {
      if (p.exitValue() != 0) {
        restore.destroy();
      }
    });
    restore.onExit().thenAccept(p -> {
      if (p.exitValue() != 0) {
        dump.destroy();
      }
    });
  }

  /**
   * Starts {@code pg_restore}, then {@code pg_dump}, and the copy between them into the new file {@code file};
   * {@code restoreLines} gets each line pg_restore writes to stderr as it comes.
   */
  static DumpPipe start(PgTools tools, PgAddress source, List<String> dumpArgs, PgAddress target, List<String> restoreArgs, Path file,
      Consumer<String> restoreLines) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file.getFileName(), e);
    }
    Process restore = null;
    try {
      ProcessBuilder restoring = tools.builder(target, restoreArgs).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      restore = start(restoring);
      ProcessBuilder dumping = tools.builder(source, dumpArgs).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      return new DumpPipe(start(dumping), restore, channel, restoreLines);
    } catch (RuntimeException e) {
      if (restore != null) {
        restore.destroyForcibly();
      }
      closeQuietly(channel);
      throw e;
    }
  }

  private static Process start(ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new PgTools.ToolMissingException(builder.command().get(0) + " cannot run (" + e.getMessage()
          + "); install the PostgreSQL client tools or set rehearsal.postgres.bin-dir");
    }
  }

  /** Bytes that went through the pipe so far. */
  long bytes() {
    return bytes.get();
  }

  /**
   * Waits for both tools and the copy, heartbeating {@code progress}; kills both tools at the timeout or when the
   * activity is cancelled (then the cancellation comes out as thrown).
   */
  Outcome await(ActivityExecutionContext context, Duration timeout, Supplier<?> progress) {
    CompletableFuture<Boolean> all = CompletableFuture.allOf(dump.onExit(), restore.onExit(), copied.handle((sha, failure) -> null))
        .thenApply(done -> true);
    boolean finished;
    try {
      finished = Heartbeats.await(context, all, timeout, this::kill, progress).isPresent();
    } catch (ExecutionException e) {
      kill();
      throw new IllegalStateException("waiting for pg_dump and pg_restore failed", e);
    } catch (RuntimeException | Error failure) {
      kill();
      throw failure;
    }
    String sha = null;
    String error = null;
    try {
      sha = copied.getNow(null);
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      error = String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
    }
    return new Outcome(finished ? Optional.of(dump.exitValue()) : Optional.empty(),
        finished ? Optional.of(restore.exitValue()) : Optional.empty(), log(dumpLog), log(restoreLog), bytes.get(),
        finished ? sha : null, error, Duration.ofNanos(System.nanoTime() - started));
  }

  private static String log(BoundedCapture capture) {
    return new String(capture.awaitEnd(Duration.ofSeconds(2)).bytes(), StandardCharsets.UTF_8);
  }

  /** SIGTERM (pg_dump cancels its queries on the server), then SIGKILL after a short grace. */
  void kill() {
    for (Process p : List.of(dump, restore)) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    long deadline = System.nanoTime() + KILL_GRACE.toNanos();
    for (Process p : List.of(dump, restore)) {
      try {
        p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    copied.cancel(true);
  }

  /**
   * Reads pg_dump's output and writes each read at once to pg_restore; whole chunks go to the keeper, which writes
   * the file and hashes. Returns the sha256 of every byte read. Stops at the end of the dump, or when pg_restore
   * stops reading (it failed: the step fails on its exit code).
   */
  private String pump(FileChannel file) {
    BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(CHUNKS);
    BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    for (int i = 0; i < CHUNKS; i++) {
      free.add(ByteBuffer.allocate(CHUNK));
    }
    ByteBuffer end = ByteBuffer.allocate(0);
    MessageDigest digest = sha256();
    CompletableFuture<Void> keeper = CompletableFuture.runAsync(() -> keep(file, digest, full, free, end), PgSteps.WORK);
    try (FileChannel closing = file; InputStream in = dump.getInputStream(); OutputStream out = restore.getOutputStream()) {
      ByteBuffer chunk = next(free, keeper);
      for (int n; (n = in.read(chunk.array(), chunk.position(), Math.min(PIPE_READ, chunk.remaining()))) >= 0; ) {
        out.write(chunk.array(), chunk.position(), n);
        bytes.addAndGet(n);
        chunk.position(chunk.position() + n);
        if (chunk.remaining() < PIPE_READ) {
          full.put(chunk.flip());
          chunk = next(free, keeper);
        }
      }
      full.put(chunk.flip());
      full.put(end);
      out.flush();
      keeper.get();
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      keeper.cancel(true);
      throw new UncheckedIOException("copying the dump stopped: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      keeper.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("copying the dump was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("keeping the dump failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** A free chunk; a keeper that failed returns none, and its failure ends the copy instead of blocking it. */
  private static ByteBuffer next(BlockingQueue<ByteBuffer> free, CompletableFuture<Void> keeper)
      throws InterruptedException, ExecutionException {
    while (true) {
      ByteBuffer chunk = free.poll(100, TimeUnit.MILLISECONDS);
      if (chunk != null) {
        return chunk;
      }
      if (keeper.isDone()) {
        keeper.get();
        throw new IllegalStateException("the keeper stopped");
      }
    }
  }

  private static void keep(FileChannel file, MessageDigest digest, BlockingQueue<ByteBuffer> full, BlockingQueue<ByteBuffer> free,
      ByteBuffer end) {
    try {
      for (ByteBuffer chunk; (chunk = full.take()) != end; ) {
        digest.update(chunk.array(), 0, chunk.limit());
        while (chunk.hasRemaining()) {
          file.write(chunk);
        }
        free.put(chunk.clear());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the dump file", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("keeping the dump was interrupted", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing was written yet; the caller removes the file.
    }
  }
}
