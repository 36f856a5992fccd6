package dev.rehearsal.activities.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A copy of the chain's head (its last {@link ChainLink}) kept outside the data directory
 * ({@code rehearsal.audit.head-copy}). Whoever can edit the data directory can cut the newest runs off the chain and
 * leave a chain that verifies; the copy elsewhere still names the head that was cut.
 */
public final class HeadAnchor {
  private final Path file;

  public HeadAnchor(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  /** Whether {@code head} is a chain head as an auditor notes it: the manifest's sha256, as hex or {@code sha256:HEX}. */
  public static boolean isHead(String head) {
    return head != null && head.trim().matches("(?i)(sha256:)?[0-9a-f]{64}");
  }

  public Path file() {
    return file;
  }

  /** Replaces the copy in one move, so a crash leaves the old head or the new one, never half of either. */
  void record(ChainLink head) {
    try {
      Files.createDirectories(file.getParent());
      Path next = file.resolveSibling(file.getFileName() + ".next");
      Files.write(next, ArchiveJson.pretty(head));
      try (FileChannel channel = FileChannel.open(next, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chain head copy " + file, e);
    }
  }

  /** The anchored head; empty when nothing was archived since the copy was configured. */
  Optional<ChainLink> read() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    ChainLink head = ArchiveJson.read(Files.readAllBytes(file), ChainLink.class);
    if (head == null || !head.isWellFormed()) {
      throw new IOException("not a chain link");
    }
    return Optional.of(head);
  }
}
