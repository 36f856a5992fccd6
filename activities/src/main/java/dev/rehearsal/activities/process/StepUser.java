package dev.rehearsal.activities.process;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unprivileged OS user command steps run as. {@code name} is empty when the user was given as {@code uid:gid}; a
 * named user keeps its supplementary groups (so an operator can grant, say, the docker group on purpose), a numeric
 * one gets none.
 */
public record StepUser(int uid, int gid, String name) {
  private static final Pattern NUMERIC = Pattern.compile("(\\d+):(\\d+)");

  public StepUser {
    if (uid == 0 || gid == 0) {
      throw new IllegalArgumentException("command steps must not run as root (uid or gid 0)");
    }
  }

  /** {@code uid:gid}, or a user name looked up with {@code id}. */
  public static StepUser parse(String spec) {
    Matcher m = NUMERIC.matcher(spec.trim());
    if (m.matches()) {
      return new StepUser(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), "");
    }
    String name = spec.trim();
    if (!name.matches("[a-z_][a-z0-9_.-]*[$]?")) {
      throw new IllegalArgumentException("not a user name or uid:gid: " + spec);
    }
    return new StepUser(Integer.parseInt(Tools.output("id", "-u", name)), Integer.parseInt(Tools.output("id", "-g", name)), name);
  }

  /** The {@code setpriv} options that switch to this user, with no way back to more privileges. */
  String[] setprivOptions() {
    return new String[] {"--reuid=" + uid, "--regid=" + gid, name.isEmpty() ? "--clear-groups" : "--init-groups", "--no-new-privs"};
  }

  /** The groups {@link #setprivOptions} leaves the user in: its own, and a named user's supplementary groups. */
  Set<Integer> groups() {
    Set<Integer> groups = new HashSet<>(Set.of(gid));
    if (!name.isEmpty()) {
      Arrays.stream(Tools.output("id", "-G", name).split("\\s+")).map(Integer::parseInt).forEach(groups::add);
    }
    return Set.copyOf(groups);
  }

  @Override
  public String toString() {
    return (name.isEmpty() ? "" : name + " ") + "(" + uid + ":" + gid + ")";
  }
}
