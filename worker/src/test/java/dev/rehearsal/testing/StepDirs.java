package dev.rehearsal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Command steps run as another user (nobody, when the tests run as root, as CI does), so a directory a test shares
 * with its steps must be open to them, as an operator would open one. The data directory inside stays the worker's.
 */
public final class StepDirs {
  private StepDirs() {}

  /** {@code dir}, now readable and writable by the steps' user. */
  public static Path shared(Path dir) {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
