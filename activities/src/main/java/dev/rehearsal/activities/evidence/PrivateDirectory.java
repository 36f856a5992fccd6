package dev.rehearsal.activities.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory (evidence, archive, baselines, run index) is the worker's alone: mode 0700, so that a command
 * step running as another user cannot read other runs' evidence or the archive, nor tamper with them.
 */
final class PrivateDirectory {
  private static final Logger log = LoggerFactory.getLogger(PrivateDirectory.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private PrivateDirectory() {}

  static void ensure(Path dir) {
    try {
      if (!Files.exists(dir)) {
        Files.createDirectories(dir);
      }
      if (!Files.getPosixFilePermissions(dir).equals(OWNER_ONLY)) {
        log.info("data directory {}: mode set to 0700 (was {})", dir, PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        Files.setPosixFilePermissions(dir, OWNER_ONLY);
      }
    } catch (UnsupportedOperationException notPosix) {
      log.warn("data directory {}: cannot restrict it to the worker's user on this file system", dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the data directory " + dir, e);
    }
  }
}
