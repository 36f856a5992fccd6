package dev.rehearsal.activities.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a {@code ${file:...}} secret as the file its name led to when it was judged, not whatever the name leads to
 * a moment later: a step can swap a link it owns between the check and the read (the hostile re-test read the users
 * file that way). The file read is the resolved one, without following a link at its end; it must be a regular file
 * with one name (a hard link would carry a protected file under an allowed name), small, and still the same file
 * under the same name once read.
 */
final class SecretFile {
  static final int MAX_BYTES = 64 * 1024;

  private SecretFile() {}

  /** @param judge refuses a resolved path the run may not read (throws {@link SecretUnresolvedException}) */
  static String read(Path path, Consumer<Path> judge) throws IOException {
    Path real = path.toRealPath();
    judge.accept(real);
    BasicFileAttributes before = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!before.isRegularFile()) {
      throw new SecretUnresolvedException("secret file " + path + " is not a regular file");
    }
    int names = (Integer) Files.getAttribute(real, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    if (names > 1) {
      throw new SecretUnresolvedException("secret file " + path + " has " + names + " hard links; a secret file has one name");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new SecretUnresolvedException("secret file " + path + " is larger than " + MAX_BYTES + " bytes");
    }
    BasicFileAttributes after = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!path.toRealPath().equals(real) || !Objects.equals(before.fileKey(), after.fileKey())) {
      throw new SecretUnresolvedException("secret file " + path + " changed while it was read");
    }
    return new String(bytes, StandardCharsets.UTF_8).strip();
  }
}
