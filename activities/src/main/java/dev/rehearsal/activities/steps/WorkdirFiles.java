package dev.rehearsal.activities.steps;

import dev.rehearsal.activities.process.ReadAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files a command left in its working directory, as the worker reads them once the command's processes are gone.
 * The worker runs as root and the step as its own user, so the worker reads for the step only what that user could:
 * every directory from {@code /} down searchable by it, every directory walked listable, every file readable; never
 * the worker's own files (its data directory, configuration, /proc); never through a symbolic link, at any level (a
 * link is refused and named, as an escape when it points outside), and never a file with a second name.
 */
public final class WorkdirFiles {
  private final Path root;
  private final ReadAccess access;
  private final WorkerOwnFiles workerOwn;

  /** @param workdir the step's working directory, judged as the real path it leads to */
  public WorkdirFiles(Path workdir, ReadAccess access, WorkerOwnFiles workerOwn) {
    this.root = realPath(workdir.toAbsolutePath().normalize());
    this.access = access;
    this.workerOwn = workerOwn;
  }

  /** A path under the working directory that cannot be read as asked; the step fails, not retried. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** A path the step's user could not read, or the worker's own: never read for a step; the step fails, not retried. */
  public static final class Forbidden extends RuntimeException {
    Forbidden(String message) {
      super(message, null, false, false);
    }
  }

  /** The file or directory at {@code relative}, empty when there is none; refused through a link or outside. */
  public Optional<Path> find(String relative) {
    Path asked = Path.of(relative).normalize();
    if (asked.isAbsolute() || asked.startsWith("..")) {
      throw new Refused("'" + relative + "' leaves the working directory");
    }
    if (!reachRoot(relative)) {
      return Optional.empty();
    }
    Path current = root;
    for (Path part : asked) {
      search(relative, current);
      current = current.resolve(part);
      BasicFileAttributes attributes = attributes(current);
      if (attributes == null) {
        return Optional.empty();
      }
      if (attributes.isSymbolicLink()) {
        throw link(relative, current);
      }
    }
    if (Files.isRegularFile(current, LinkOption.NOFOLLOW_LINKS)) {
      readable(relative, current);
    } else {
      owned(relative, current);
    }
    return Optional.of(current);
  }

  /** The regular files matching a glob, relative to the working directory, walked from its fixed leading directories. */
  List<Path> glob(String pattern) {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    StringBuilder fixed = new StringBuilder();
    for (String part : pattern.split("/")) {
      if (part.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
        break;
      }
      fixed.append(fixed.length() == 0 ? "" : "/").append(part);
    }
    if (!reachRoot(pattern)) {
      return List.of();
    }
    Path start = fixed.length() == 0 ? root : find(fixed.toString()).orElse(null);
    if (start == null || !Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Path> matched = new ArrayList<>();
    for (Path p : walk(start, pattern)) {
      if (!matcher.matches(root.relativize(p))) {
        continue; // the walk never enters a linked directory, so a link the glob does not match is never read
      }
      if (Files.isSymbolicLink(p)) {
        throw link(pattern, p);
      }
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        readable(pattern, p);
        matched.add(p);
      }
    }
    return matched;
  }

  /** Every regular file under a directory, sorted; a link anywhere in it is refused. */
  List<Path> filesUnder(Path dir, String asked) {
    List<Path> all = walk(dir, asked);
    for (Path p : all) {
      if (Files.isSymbolicLink(p)) {
        throw link(asked, p);
      }
    }
    List<Path> files = all.stream().filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
    files.forEach(file -> readable(asked, file));
    return files;
  }

  String relative(Path file) {
    return root.relativize(file).toString();
  }

  /** Everything under {@code start}, sorted; the walk does not follow links and lists only what the step's user could. */
  private List<Path> walk(Path start, String asked) {
    List<Path> all = new ArrayList<>();
    visit(start, asked, all);
    all.sort(null);
    return all;
  }

  private void visit(Path path, String asked, List<Path> all) {
    all.add(path);
    BasicFileAttributes attributes = attributes(path);
    if (attributes == null || !attributes.isDirectory()) {
      return;
    }
    owned(asked, path);
    if (!access.canList(path)) {
      throw forbidden(asked, path, " (it may not list the directory)");
    }
    try (Stream<Path> children = Files.list(path)) {
      children.sorted().forEach(child -> visit(child, asked, all));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + asked + " in the working directory", e);
    }
  }

  /**
   * Whether the working directory is still there (the step may have removed it: then nothing was written), refused
   * unless the step's user can reach it: every directory from {@code /} to it searchable.
   */
  private boolean reachRoot(String asked) {
    if (attributes(root) == null) {
      return false;
    }
    owned(asked, root);
    Path current = root.getRoot();
    for (Path part : root) {
      search(asked, current);
      current = current.resolve(part);
    }
    search(asked, root);
    return true;
  }

  private void search(String asked, Path dir) {
    if (!access.canSearch(dir)) {
      throw forbidden(asked, dir, " (it may not search the directory)");
    }
  }

  /** A file the worker may read for the step: not its own, readable by the step's user, with one name. */
  private void readable(String asked, Path file) {
    owned(asked, file);
    if (!access.canRead(file)) {
      throw forbidden(asked, file, "");
    }
    try {
      // A second name could carry in a file from elsewhere (as for ${file:...} secrets).
      if ((Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS) > 1) {
        throw new Refused("'" + asked + "': " + relative(file) + " has more than one name (a hard link)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + relative(file), e);
    }
  }

  private void owned(String asked, Path path) {
    if (workerOwn.holds(path)) {
      throw new Forbidden("'" + asked + "': " + path + " is the worker's own data or configuration, never read for a step");
    }
  }

  private Forbidden forbidden(String asked, Path path, String how) {
    return new Forbidden("'" + asked + "': " + access.who() + " could not read " + path + how
        + ", so the worker does not read it for the step");
  }

  private Refused link(String asked, Path link) {
    String name = root.relativize(link).toString();
    Path target;
    try {
      target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
    } catch (IOException e) {
      target = null;
    }
    if (target == null || !target.startsWith(root)) {
      return new Refused("'" + asked + "' leaves the working directory through the symbolic link '" + name + "'" + (target == null ? "" : " (to " + target + ")"));
    }
    return new Refused("'" + asked + "' goes through the symbolic link '" + name + "': files a step wrote are never read through links");
  }

  private static Path realPath(Path workdir) {
    try {
      return workdir.toRealPath();
    } catch (IOException e) {
      return workdir; // the step removed it: nothing is read there
    }
  }

  private static BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }
}
