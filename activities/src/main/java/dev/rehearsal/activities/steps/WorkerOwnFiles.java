package dev.rehearsal.activities.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker's own files and directories (its data directory, configuration files, /proc): never a step's working
 * directory, never read for a step, whatever the step's user could read. Held as given and as the real paths they
 * lead to, so a link to the data directory leads nowhere.
 */
public final class WorkerOwnFiles {
  private final List<Path> paths = new ArrayList<>();

  public WorkerOwnFiles(List<Path> files) {
    for (Path file : files) {
      Path absolute = file.toAbsolutePath().normalize();
      paths.add(absolute);
      if (Files.exists(absolute)) {
        try {
          paths.add(absolute.toRealPath());
        } catch (IOException e) {
          // Gone since: the path as given is still held.
        }
      }
    }
  }

  /** Whether {@code path} (as the real path it leads to, when it exists) is one of them or inside one. */
  public boolean holds(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path real = absolute;
    try {
      real = absolute.toRealPath();
    } catch (IOException e) {
      // Not there: judged as given.
    }
    Path judged = real;
    return paths.stream().anyMatch(p -> absolute.startsWith(p) || judged.startsWith(p));
  }
}
