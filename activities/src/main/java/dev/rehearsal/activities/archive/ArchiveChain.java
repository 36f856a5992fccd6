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

  /** Every line of the chain, read afresh (audit verify must see an edit anywhere in it). */
  Parsed parse() {
    if (!Files.exists(file)) {
      return new Parsed(List.of(), List.of());
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      List<ChainLink> links = new ArrayList<>();
      List<String> unreadable = new ArrayList<>();
      readLines(bytes, completeLength(bytes), 0, links, unreadable);
      return new Parsed(links, unreadable);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** What {@link #parseAppended} read last: where its complete lines end, the last one's bytes, and their links. */
  private record Read(long end, byte[] lastLine, int lineCount, Parsed parsed) {}

  private Read lastRead;
  private long lastFullRead;

  /** How often the appended-only reading still reads the whole chain, so an edit above its last line is seen. */
  private static final long FULL_READ_EVERY_MILLIS = 60_000;

  /**
   * Like {@link #parse}, but reading only the lines appended since the last call when the line it read last is still
   * where it was: writers and the API ask on every archived run, and re-reading a chain of thousands each time made
   * archiving slow down as the archive grew. The whole chain is still read at least once a minute and whenever the
   * last read found damage, so an edit further up stops archiving within a minute and a repair is seen at once.
   */
  synchronized Parsed parseAppended() {
    long now = System.currentTimeMillis();
    if (!Files.exists(file)) {
      lastRead = null;
      return new Parsed(List.of(), List.of());
    }
    if (lastRead != null && (!lastRead.parsed().unreadable().isEmpty() || now - lastFullRead >= FULL_READ_EVERY_MILLIS)) {
      lastRead = null;
    }
    if (lastRead == null) {
      lastFullRead = now;
    }
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = in.size();
      Read from = lastRead != null && stillEndsWith(in, size, lastRead) ? lastRead : new Read(0, new byte[0], 0,
          new Parsed(List.of(), List.of()));
      byte[] added = new byte[Math.toIntExact(size - from.end())];
      ByteBuffer buffer = ByteBuffer.wrap(added);
      while (buffer.hasRemaining() && in.read(buffer, from.end() + buffer.position()) >= 0) {
        // reads until the end seen above
      }
      int complete = completeLength(added);
      if (complete == 0) {
        return (lastRead = from).parsed();
      }
      List<ChainLink> links = new ArrayList<>(from.parsed().links());
      List<String> unreadable = new ArrayList<>(from.parsed().unreadable());
      int lines = readLines(added, complete, from.lineCount(), links, unreadable);
      int lastStart = complete - 1;
      while (lastStart > 0 && added[lastStart - 1] != '\n') {
        lastStart--;
      }
      lastRead = new Read(from.end() + complete, java.util.Arrays.copyOfRange(added, lastStart, complete), lines,
          new Parsed(List.copyOf(links), List.copyOf(unreadable)));
      return lastRead.parsed();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static boolean stillEndsWith(FileChannel in, long size, Read read) throws IOException {
    if (size < read.end()) {
      return false;
    }
    ByteBuffer there = ByteBuffer.allocate(read.lastLine().length);
    long at = read.end() - read.lastLine().length;
    while (there.hasRemaining() && in.read(there, at + there.position()) >= 0) {
      // reads the line where it was
    }
    return java.util.Arrays.equals(there.array(), read.lastLine());
  }

  /** Parses the complete lines in {@code bytes[0, length)}, numbering them after {@code linesBefore}; returns the count. */
  private static int readLines(byte[] bytes, int length, int linesBefore, List<ChainLink> links, List<String> unreadable) {
    int lineNo = linesBefore;
    for (String line : new String(bytes, 0, length, StandardCharsets.UTF_8).split("\n")) {
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
    return lineNo;
  }

  void append(ChainLink link) {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = out.size();
      long end = size == 0 ? 0 : completeLength(out, size);
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

  /** Where the chain's last complete line ends, read backwards from its end (the chain can be long). */
  private static long completeLength(FileChannel in, long size) throws IOException {
    long at = size;
    ByteBuffer window = ByteBuffer.allocate(8192);
    while (at > 0) {
      long from = Math.max(0, at - window.capacity());
      window.clear().limit(Math.toIntExact(at - from));
      while (window.hasRemaining() && in.read(window, from + window.position()) >= 0) {
        // fills the window
      }
      for (int i = window.position() - 1; i >= 0; i--) {
        if (window.get(i) == '\n') {
          return from + i + 1;
        }
      }
      at = from;
    }
    return 0;
  }

  /** The length of {@code bytes} up to and including its last line break: a torn last line is not part of the chain. */
  private static int completeLength(byte[] bytes) {
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
          FileLock ignored = lockAcrossProcesses(channel, waiting)) {
        return work.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + lockFile, e);
    } finally {
      THREADS.unlock();
    }
  }

  /** Another worker process sharing the data directory may hold the file lock: wait for it, telling {@code waiting}. */
  private static FileLock lockAcrossProcesses(FileChannel channel, Runnable waiting) throws IOException {
    long told = System.nanoTime();
    for (FileLock lock; ; ) {
      if ((lock = channel.tryLock()) != null) {
        return lock;
      }
      if (System.nanoTime() - told >= TimeUnit.SECONDS.toNanos(1)) {
        waiting.run();
        told = System.nanoTime();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the archive's lock", e);
      }
    }
  }
}
