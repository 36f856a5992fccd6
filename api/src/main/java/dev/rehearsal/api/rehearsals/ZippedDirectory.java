package dev.rehearsal.api.rehearsals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A kept directory artifact read as a zip, built while it is read (a database dump may be far bigger than memory): its
 * files under {@code <name>/} in path order, and its manifest {@code <name>.sha256} at the top, whose sha256 is the one
 * the run lists for the directory, so the download checks itself ({@code sha256sum -c} inside {@code <name>/}).
 * Entries carry a fixed time, so the same directory always zips to the same bytes.
 */
final class ZippedDirectory extends InputStream {
  private static final long FIXED_TIME = 315_532_800_000L; // 1980-01-01, the earliest time a zip entry can hold

  private final Deque<Path> files;
  private final Path dir;
  private final String name;
  private final Path manifest;
  private final Chunks buffer = new Chunks();
  private final ZipOutputStream zip = new ZipOutputStream(buffer);
  private final byte[] chunk = new byte[1 << 16];
  private InputStream current;
  private boolean manifestDone;
  private boolean finished;

  ZippedDirectory(Path dir, String name, Path manifest) throws IOException {
    this.dir = dir;
    this.name = name;
    this.manifest = manifest;
    try (Stream<Path> all = Files.walk(dir)) {
      List<Path> sorted = all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
      this.files = new ArrayDeque<>(sorted);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int off, int len) throws IOException {
    while (buffer.available() == 0 && !finished) {
      produce();
    }
    return buffer.available() == 0 ? -1 : buffer.drain(into, off, len);
  }

  /** Writes the next piece of the zip into the buffer: an entry's start, a chunk of its bytes, or the end. */
  private void produce() throws IOException {
    if (current != null) {
      int n = current.read(chunk);
      if (n >= 0) {
        zip.write(chunk, 0, n);
        return;
      }
      current.close();
      current = null;
      zip.closeEntry();
      return;
    }
    if (!manifestDone) {
      manifestDone = true;
      open(name + ".sha256", manifest);
    } else if (!files.isEmpty()) {
      Path file = files.poll();
      open(name + "/" + dir.relativize(file).toString().replace('\\', '/'), file);
    } else {
      zip.finish();
      finished = true;
    }
  }

  private void open(String entryName, Path file) throws IOException {
    ZipEntry entry = new ZipEntry(entryName);
    entry.setTime(FIXED_TIME);
    zip.putNextEntry(entry);
    current = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
    }
  }

  /** What the zip wrote and the reader has not taken yet. */
  private static final class Chunks extends ByteArrayOutputStream {
    int available() {
      return count;
    }

    int drain(byte[] into, int off, int len) {
      int n = Math.min(len, count);
      System.arraycopy(buf, 0, into, off, n);
      System.arraycopy(buf, n, buf, 0, count - n);
      count -= n;
      return n;
    }
  }
}
