package dev.rehearsal.activities.postgres;

import dev.rehearsal.activities.process.BoundedCapture;
import dev.rehearsal.activities.process.Heartbeats;
import io.temporal.activity.ActivityExecutionContext;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code pg_dump | tee <file> | pg_restore}, piped by the operating system exactly as the hand copy is, while a thread
 * of the activity reads the file behind {@code tee} (from the page cache) and hashes it at low priority (an
 * {@link IdleThread}), so that on a small machine the hash takes the CPU the tools leave rather than theirs: the
 * restore overlaps the dump, the snapshot is kept, and no byte of the stream passes through the JVM on its way to
 * {@code pg_restore}.
 */
final class DumpPipe {
  /**
   * What is hashed at once: a whole chunk of what tee wrote, or its end. Each mapping is released only when the GC
   * collects it and the hasher makes little garbage, so small mappings of a huge dump could pile up to the
   * system's limit on mappings.
   */
  private static final long MIN_MAP = MappedHash.CHUNK;
  /** How long the hasher waits when it has caught up with {@code tee}: short against a second's heartbeat. */
  private static final long CAUGHT_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final int TEE_LOG_LIMIT = 64 * 1024;
  private static final Duration KILL_GRACE = Duration.ofSeconds(3);

  /**
   * Exit codes are empty when the processes were killed at the timeout; {@code sha256} is null when keeping the file
   * failed ({@code copyError} says why: tee's exit and message, or the hasher's).
   */
  record Outcome(Optional<Integer> dumpExit, Optional<Integer> restoreExit, String dumpLog, String restoreLog, long bytes,
      String sha256, String copyError, Duration took) {}

  private final Process dump;
  private final Process tee;
  private final Process restore;
  private final List<Process> all;
  private final BoundedCapture dumpLog;
  private final BoundedCapture teeLog;
  private final BoundedCapture restoreLog;
  private final AtomicLong hashed = new AtomicLong();
  private final CompletableFuture<String> copied;
  private final long started = System.nanoTime();

  private DumpPipe(PgTools tools, List<Process> pipeline, Path file, Consumer<String> restoreLines) {
    this.dump = pipeline.get(0);
    this.tee = pipeline.get(1);
    this.restore = pipeline.get(2);
    this.all = pipeline;
    this.dumpLog = BoundedCapture.drainHeadAndTail(dump.getErrorStream(), PgTools.logLimit(), null);
    this.teeLog = BoundedCapture.drainHeadAndTail(tee.getErrorStream(), TEE_LOG_LIMIT, null);
    this.restoreLog = BoundedCapture.drainHeadAndTail(restore.getErrorStream(), PgTools.logLimit(), restoreLines);
    this.copied = IdleThread.supply("dump-hash", tools::system, () -> hashBehindTee(file));
    // One tool failing may leave another waiting on a pipe nobody serves: stop the others too. Not for tee: it
    // fails only at the end (GNU tee keeps feeding its output when the file cannot be written), and stopping
    // pg_restore then would report its kill instead of tee's reason.
    for (Process p : List.of(dump, restore)) {
      p.onExit().thenAccept(ended -> {
        if (ended.exitValue() != 0) {
          pipeline.stream().filter(other -> other != ended).forEach(Process::destroy);
        }
      });
    }
  }

  /**
   * Creates {@code file} (it must not exist) and starts {@code pg_dump | tee file | pg_restore}; {@code restoreLines}
   * gets each line pg_restore writes to stderr as it comes.
   */
  static DumpPipe start(PgTools tools, PgAddress source, List<String> dumpArgs, PgAddress target, List<String> restoreArgs, Path file,
      Consumer<String> restoreLines) {
    try {
      // Created here, so the hasher can open it before tee has (tee's truncation of an empty file changes nothing).
      Files.createFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file.getFileName(), e);
    }
    ProcessBuilder dumping = tools.builder(source, dumpArgs).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    ProcessBuilder teeing = tools.system(List.of("tee", file.toString()));
    ProcessBuilder restoring = tools.builder(target, restoreArgs).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    List<Process> pipeline;
    try {
      // When one cannot start, startPipeline destroys those it started already.
      pipeline = ProcessBuilder.startPipeline(List.of(dumping, teeing, restoring));
    } catch (IOException e) {
      throw new PgTools.ToolMissingException("pg_dump | tee | pg_restore cannot run (" + e.getMessage()
          + "); install the PostgreSQL client tools (and coreutils' tee) or set rehearsal.postgres.bin-dir");
    }
    return new DumpPipe(tools, pipeline, file, restoreLines);
  }

  /** Bytes kept and hashed so far. */
  long bytes() {
    return hashed.get();
  }

  /**
   * Waits for the three tools and the hash, heartbeating {@code progress}; kills all three at the timeout or when the
   * activity is cancelled (then the cancellation comes out as thrown).
   */
  Outcome await(ActivityExecutionContext context, Duration timeout, Supplier<?> progress) {
    CompletableFuture<Boolean> done = CompletableFuture.allOf(dump.onExit(), tee.onExit(), restore.onExit(),
        copied.handle((sha, failure) -> null)).thenApply(ended -> true);
    boolean finished;
    try {
      finished = Heartbeats.await(context, done, timeout, this::kill, progress).isPresent();
    } catch (ExecutionException e) {
      kill();
      throw new IllegalStateException("waiting for pg_dump, tee and pg_restore failed", e);
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
        finished ? Optional.of(restore.exitValue()) : Optional.empty(), log(dumpLog), log(restoreLog), hashed.get(),
        finished ? sha : null, error, Duration.ofNanos(System.nanoTime() - started));
  }

  private static String log(BoundedCapture capture) {
    return new String(capture.awaitEnd(Duration.ofSeconds(2)).bytes(), StandardCharsets.UTF_8);
  }

  /** SIGTERM (pg_dump cancels its queries on the server), then SIGKILL after a short grace. */
  void kill() {
    for (Process p : all) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    long deadline = System.nanoTime() + KILL_GRACE.toNanos();
    for (Process p : all) {
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
   * Reads the file as tee writes it, until tee has ended and every byte it wrote was read: the sha256 of the dump.
   * It maps what tee has written ({@link MappedHash}). A tee that failed (it could not write the file) fails the copy
   * with its exit and message.
   */
  private String hashBehindTee(Path file) {
    MessageDigest digest = MappedHash.sha256();
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long position = 0;
      while (true) {
        if (Thread.currentThread().isInterrupted()) {
          // kill() cancelled the copy: the rest of an abandoned dump is not worth reading.
          throw new IllegalStateException("keeping the dump was interrupted");
        }
        // Asked before the size: once tee has ended, the size is final.
        boolean teeEnded = !tee.isAlive();
        long size = in.size();
        if (size - position >= MIN_MAP || (teeEnded && size > position)) {
          long length = Math.min(MappedHash.CHUNK, size - position);
          MappedHash.update(digest, in, position, length);
          position += length;
          hashed.set(position);
        } else if (teeEnded) {
          break;
        } else {
          LockSupport.parkNanos(CAUGHT_UP_NANOS);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back the dump file: " + e.getMessage(), e);
    }
    int exit = tee.exitValue();
    if (exit != 0) {
      String message = log(teeLog).strip();
      throw new IllegalStateException("tee exited " + exit + (message.isEmpty() ? "" : ": " + message.lines().reduce((a, b) -> b).orElse("")));
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
