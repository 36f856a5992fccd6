package dev.rehearsal.activities.evidence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A new hidden temp file holding the given bytes, to be renamed over its artifact: created exclusively, readable by
 * this process's user alone (as {@code Files.createTempFile} makes them), with one open. {@code createTempFile} then
 * {@code Files.write} opened it twice and drew its name from a SecureRandom, for each step's evidence. No fsync,
 * as before: a crash before the rename leaves a stray part file and no artifact; the step's attempt reports its sha256
 * only after the rename, and a retried attempt writes its own file.
 */
final class PartFile {
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final Set<StandardOpenOption> NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  private PartFile() {}

  /** Throws NoSuchFileException when {@code dir} does not exist. */
  static Path write(Path dir, byte[] content) throws IOException {
    while (true) {
      Path tmp = dir.resolve(".tmp-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".part");
      SeekableByteChannel out;
      try {
        out = open(tmp);
      } catch (FileAlreadyExistsException taken) {
        continue;
      }
      try (out) {
        ByteBuffer bytes = ByteBuffer.wrap(content);
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
      } catch (IOException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      return tmp;
    }
  }

  private static SeekableByteChannel open(Path tmp) throws IOException {
    try {
      return Files.newByteChannel(tmp, NEW, OWNER_ONLY);
    } catch (UnsupportedOperationException notPosix) {
      return Files.newByteChannel(tmp, NEW);
    }
  }
}
