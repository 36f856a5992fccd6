package dev.rehearsal.activities.postgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hashes and flushes to disk each table's file of a directory dump as soon as {@code pg_dump --jobs} has finished it,
 * while the dump goes on: the snapshot's manifest then only hashes what is left (the table of contents, any file not
 * reported), and the restore that follows shares the cores with less. A parallel {@code pg_dump --verbose} prints
 * {@code finished item <dump id> TABLE DATA <name>} once a worker has written and closed {@code <dump id>.dat}, a
 * file it never touches again, so its hash is the one the manifest would take at the end. A line it does not
 * understand, or a file it cannot read, is just left to the manifest.
 */
final class FinishedDumpFiles implements Consumer<String>, AutoCloseable {
  private static final FinishedItemLine FINISHED = new FinishedItemLine("pg_dump");
  /** The data file's name by compression (none, gzip, lz4, zstd). */
  private static final List<String> SUFFIXES = List.of(".dat", ".dat.gz", ".dat.lz4", ".dat.zst");

  private final Path dir;
  private final ExecutorService hasher = Executors.newSingleThreadExecutor(runnable -> {
    Thread t = new Thread(runnable, "dump-file-hash");
    t.setDaemon(true);
    return t;
  });
  private final Map<Path, String> hashes = new ConcurrentHashMap<>();

  /** @param dir the dump's directory (pg_dump creates it; its lines only come after) */
  FinishedDumpFiles(Path dir) {
    this.dir = dir;
  }

  @Override
  public void accept(String line) {
    OptionalInt finished = FINISHED.dumpId(line);
    if (finished.isEmpty()) {
      return;
    }
    String id = String.valueOf(finished.getAsInt());
    try {
      hasher.execute(() -> SUFFIXES.stream().map(s -> dir.resolve(id + s)).filter(Files::isRegularFile).findFirst()
          .ifPresent(this::hashAndFlush));
    } catch (RejectedExecutionException late) {
      // A line read after the dump was handed to sealing: that file is left to the manifest.
    }
  }

  private void hashAndFlush(Path file) {
    try {
      String sha256 = MappedHash.of(file);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        channel.force(true);
      }
      hashes.put(file, sha256);
    } catch (IOException | RuntimeException e) {
      // Left to the manifest, which reports a real failure as one.
    }
  }

  /**
   * Once pg_dump has ended: waits for the files already reported, then gives each one's sha256 by path (each of them
   * flushed to disk). An interrupt (the attempt ended) stops the wait.
   */
  Map<Path, String> finish() {
    hasher.shutdown();
    try {
      hasher.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("stopped while the dump's files were hashed");
    }
    return Map.copyOf(hashes);
  }

  /** Stops hashing (an attempt that ended early) and waits until the hashing thread has left its file. */
  @Override
  public void close() {
    hasher.shutdownNow();
    try {
      hasher.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
