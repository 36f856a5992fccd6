package dev.rehearsal.activities.process;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What one isolated step attempt leaves behind: its scratch directory, removed once its processes are gone. */
public final class StepSandbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StepSandbox.class);
  private final Path scratch;

  StepSandbox(Path scratch) {
    this.scratch = scratch;
  }

  /** Removes the scratch directory without following links the step may have left in it. */
  @Override
  public void close() {
    if (scratch == null) {
      return;
    }
    try {
      Files.walkFileTree(scratch, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      log.warn("cannot remove the step scratch directory {}: {}", scratch, e.toString());
    }
  }
}
