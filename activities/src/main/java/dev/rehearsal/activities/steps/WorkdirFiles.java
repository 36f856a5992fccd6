package dev.rehearsal.activities.steps;

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
import java.util.stream.Stream;

/**
 * The files a command left in its working directory, as the worker reads them once the command's processes are gone.
 * Never through a symbolic link, at any level: a link is refused and named (as an escape when it points outside the
 * working directory), so a step cannot make the worker read what the step's own user could not.
 */
public final class WorkdirFiles {
  private final Path root;

  public WorkdirFiles(Path workdir) {
    this.root = workdir.toAbsolutePath().normalize();
  }

  /** A path under the working directory that cannot be read as asked; the step fails, not retried. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** The file or directory at {@code relative}, empty when there is none; refused through a link or outside. */
  public java.util.Optional<Path> find(String relative) {
    Path asked = Path.of(relative).normalize();
    if (asked.isAbsolute() || asked.startsWith("..")) {
      throw new Refused("'" + relative + "' leaves the working directory");
    }
    Path current = root;
    for (Path part : asked) {
      current = current.resolve(part);
      BasicFileAttributes attributes = attributes(current);
      if (attributes == null) {
        return java.util.Optional.empty();
      }
      if (attributes.isSymbolicLink()) {
        throw link(relative, current);
      }
    }
    return java.util.Optional.of(current);
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
    return all.stream().filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
  }

  String relative(Path file) {
    return root.relativize(file).toString();
  }

  /** Everything under {@code start}, sorted; the walk does not follow links (its default). */
  private static List<Path> walk(Path start, String asked) {
    try (Stream<Path> files = Files.walk(start)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + asked + " in the working directory", e);
    }
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
