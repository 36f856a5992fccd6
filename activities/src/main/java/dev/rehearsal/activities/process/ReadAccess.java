package dev.rehearsal.activities.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * What a step's user may read, judged from POSIX permission bits as the kernel judges them for its uid, gid and
 * supplementary groups: the owner's bits for the owner, else the group's for a member, else the others'. The worker
 * reads a step's files as root once the step is gone; this keeps it from reading for the step what the step could
 * not. Not isolated, the step ran as the worker itself, so whatever the worker can read passes.
 */
public final class ReadAccess {
  /** The step ran as the worker: nothing is judged. */
  public static final ReadAccess WORKER = new ReadAccess(null, Set.of());
  private static final int READ = 4;
  private static final int SEARCH = 1;

  private final StepUser user;
  private final Set<Integer> groups;

  private ReadAccess(StepUser user, Set<Integer> groups) {
    this.user = user;
    this.groups = groups;
  }

  /** For {@code user} with the groups {@code setpriv} gives it. */
  static ReadAccess of(StepUser user) {
    return new ReadAccess(user, user.groups());
  }

  /** Whether the step's user may pass through the directory (search, x). */
  public boolean canSearch(Path dir) {
    return allows(dir, SEARCH);
  }

  /** Whether the step's user may list the directory and enter what it lists (read and search). */
  public boolean canList(Path dir) {
    return allows(dir, READ | SEARCH);
  }

  /** Whether the step's user may read the file. */
  public boolean canRead(Path file) {
    return allows(file, READ);
  }

  /** The user judged, for messages: "the step's user nobody (65534:65534)". */
  public String who() {
    return user == null ? "the worker" : "the step's user " + user;
  }

  private boolean allows(Path path, int wanted) {
    if (user == null) {
      return true;
    }
    Map<String, Object> attributes;
    try {
      attributes = Files.readAttributes(path, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the permissions of " + path, e);
    }
    int mode = (Integer) attributes.get("mode");
    int bits;
    if ((Integer) attributes.get("uid") == user.uid()) {
      bits = mode >> 6;
    } else if (groups.contains((Integer) attributes.get("gid"))) {
      bits = mode >> 3;
    } else {
      bits = mode;
    }
    return (bits & wanted) == wanted;
  }
}
