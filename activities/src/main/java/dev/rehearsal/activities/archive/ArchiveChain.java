package dev.rehearsal.activities.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code chain.jsonl}: the archived runs in the order they were archived, one {@link ChainLink} per line, appended
 * and forced to disk under a lock that holds across processes (workers sharing a data directory). A line torn by a
 * crash mid-append is not part of the chain; the next writer cuts it off.
 */
final class ArchiveChain {
  // FileLock is per process; threads of one process also need to take turns.
  private static final ReentrantLock THREADS = new ReentrantLock();

  private final Path file;
  private final Path lockFile;

  ArchiveChain(Path archiveRoot) {
    this.file = archiveRoot.resolve("chain.jsonl");
    this.lockFile = archiveRoot.resolve(".lock");
  }

  Path file() {
    return file;
  }

  /** The complete lines of the chain, in order; lines that do not parse are returned as problems by {@link #parse}. */
  List<ChainLink> links() {
    return parse().links();
  }

  record Parsed(List<ChainLink> links, List<String> unreadable) {}

  Parsed parse() {
    List<ChainLink> links = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    if (!Files.exists(file)) {
      return new Parsed(links, unreadable);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    int complete = text.lastIndexOf('\n') + 1;
    int lineNo = 0;
    for (String line : text.substring(0, complete).split("\n")) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      ChainLink link = null;
      try {
        link = ArchiveJson.read(line, ChainLink.class);
      } catch (IOException e) {
        // reported below
      }
      if (link == null || !link.isWellFormed()) {
        unreadable.add("chain.jsonl line " + lineNo + " is not a chain link");
      } else {
        links.add(link);
      }
    }
    return new Parsed(links, unreadable);
  }

  void append(ChainLink link) {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      long size = out.size();
      long end = size == 0 ? 0 : completeLength(size);
      out.truncate(end);
      ByteBuffer line = ByteBuffer.wrap((ArchiveJson.line(link) + "\n").getBytes(StandardCharsets.UTF_8));
      while (line.hasRemaining()) {
        end += out.write(line, end);
      }
      out.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  private long completeLength(long size) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int i = bytes.length - 1;
    while (i >= 0 && bytes[i] != '\n') {
      i--;
    }
    return i + 1;
  }

  /** Runs {@code work} holding the archive's lock. */
  <T> T locked(Supplier<T> work) {
    return locked(() -> {}, work);
  }

  /**
   * Like {@link #locked(Supplier)}, telling {@code waiting} about once a second while other threads hold the lock
   * (an archive activity heartbeats: under load, many runs close at once and each waits its turn for longer than its
   * heartbeat timeout; without it each wait timed out and was retried while still waiting, and the waiters piled up).
   */
  <T> T locked(Runnable waiting, Supplier<T> work) {
    try {
      while (!THREADS.tryLock(1, TimeUnit.SECONDS)) {
        waiting.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the archive's lock", e);
    }
    try {
      Files.createDirectories(lockFile.getParent());
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        return work.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + lockFile, e);
    } finally {
      THREADS.unlock();
    }
  }
}
