package dev.rehearsal.activities.outputs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Reads a {@code file} output from a command's working directory: a regular file with one name that is, once every
 * link is followed, still inside that directory (a step may leave a link to anything), and no larger than a bound.
 */
public final class WorkdirFiles {
  static final int MAX_BYTES = 64 * 1024;

  private WorkdirFiles() {}

  public static TakenOutputs.Taken read(Path workdir, String file) {
    try {
      Path root = workdir.toRealPath();
      Path candidate = root.resolve(file).normalize();
      if (!candidate.startsWith(root)) {
        return TakenOutputs.Taken.missing("file " + file + " is outside the working directory");
      }
      if (!Files.exists(candidate)) {
        return TakenOutputs.Taken.missing("file " + file + " was not written");
      }
      Path real = candidate.toRealPath();
      if (!real.startsWith(root)) {
        return TakenOutputs.Taken.missing("file " + file + " leads outside the working directory");
      }
      if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
        return TakenOutputs.Taken.missing("file " + file + " is not a regular file");
      }
      // A second name could carry a file from outside the directory in (as for ${file:...} secrets).
      if ((Integer) Files.getAttribute(real, "unix:nlink", LinkOption.NOFOLLOW_LINKS) > 1) {
        return TakenOutputs.Taken.missing("file " + file + " has more than one name (a hard link)");
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        return TakenOutputs.Taken.missing("file " + file + " is larger than " + MAX_BYTES + " bytes");
      }
      return TakenOutputs.Taken.of(new String(bytes, StandardCharsets.UTF_8).stripTrailing());
    } catch (IOException e) {
      return TakenOutputs.Taken.missing("file " + file + " cannot be read: " + e.getClass().getSimpleName());
    }
  }
}
