package dev.rehearsal.activities.outputs;

import dev.rehearsal.activities.steps.WorkdirFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a {@code file} output from a command's working directory as artifacts are read (never through a link, never
 * outside, never a file with a second name): a regular file, no larger than a bound. A file the step's user could not
 * read is not a missing value but a refusal ({@link WorkdirFiles.Forbidden}), which fails the step.
 */
public final class FileOutput {
  static final int MAX_BYTES = 64 * 1024;

  private FileOutput() {}

  public static TakenOutputs.Taken read(WorkdirFiles files, String file) {
    try {
      Optional<Path> found = files.find(file);
      if (found.isEmpty()) {
        return TakenOutputs.Taken.missing("file " + file + " was not written");
      }
      Path path = found.get();
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        return TakenOutputs.Taken.missing("file " + file + " is not a regular file");
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        return TakenOutputs.Taken.missing("file " + file + " is larger than " + MAX_BYTES + " bytes");
      }
      return TakenOutputs.Taken.of(new String(bytes, StandardCharsets.UTF_8).stripTrailing());
    } catch (WorkdirFiles.Refused refused) {
      return TakenOutputs.Taken.missing("file output: " + refused.getMessage());
    } catch (IOException e) {
      return TakenOutputs.Taken.missing("file " + file + " cannot be read: " + e.getClass().getSimpleName());
    }
  }
}
