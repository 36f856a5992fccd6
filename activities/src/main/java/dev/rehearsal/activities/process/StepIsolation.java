package dev.rehearsal.activities.process;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How command steps are kept apart from the worker: each runs as an unprivileged user (so the worker's environment,
 * its configuration files and its data directory are out of reach) in a PID namespace of its own (so everything it
 * starts, however detached, dies with it), with a fresh environment and a scratch directory as home. The host's
 * processes stay visible: /proc is not remounted, so {@code ps} and {@code systemctl status} work as in an operator's
 * shell.
 *
 * <p>Isolation needs root (to switch users and create the namespace) and util-linux's {@code setpriv} and
 * {@code unshare}. Without them steps run as the worker, which is said loudly at start-up and in every command step.
 */
public final class StepIsolation {
  private static final Logger log = LoggerFactory.getLogger(StepIsolation.class);
  public static final String DEFAULT_USER = "nobody";

  /** Harmless worker variables that keep programs behaving normally; nothing else of the worker's is passed on. */
  private static final List<String> INHERITED = List.of("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TERM");
  private static final String FALLBACK_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final StepUser user;
  private final String limitation;
  private final ReadAccess access;

  private StepIsolation(StepUser user, String limitation) {
    this.user = user;
    this.limitation = limitation;
    this.access = user == null ? ReadAccess.WORKER : ReadAccess.of(user);
  }

  /** Isolation as this process can provide it, for {@code runAs} (user name or uid:gid; blank for the default). */
  public static StepIsolation forThisProcess(String runAs) {
    StepIsolation isolation = detect(runAs);
    if (isolation.isolated()) {
      log.info("command steps run as {} in a PID namespace of their own", isolation.user);
    } else {
      log.warn("\n*****************************************************************\n"
          + " COMMAND STEPS ARE NOT ISOLATED: {}.\n"
          + " A command step can read this worker's environment, configuration files and data directory\n"
          + " (tokens, other runs' evidence, the archive). Run the worker as root to isolate steps.\n"
          + "*****************************************************************", isolation.limitation);
    }
    return isolation;
  }

  /** No isolation, for the given reason (the worker says so in every command step). */
  public static StepIsolation none(String reason) {
    return new StepIsolation(null, reason);
  }

  private static StepIsolation detect(String runAs) {
    boolean configured = runAs != null && !runAs.isBlank();
    if (!isRoot()) {
      return none("the worker does not run as root, so it cannot run steps as " + (configured ? runAs : "another user"));
    }
    for (String tool : List.of("setpriv", "unshare")) {
      if (Tools.onPath(tool) == null) {
        return none(tool + " (util-linux) is not on the worker's PATH");
      }
    }
    StepUser user;
    try {
      user = StepUser.parse(configured ? runAs : DEFAULT_USER);
    } catch (IllegalArgumentException e) {
      if (configured) {
        throw new IllegalStateException("rehearsal.steps.run-as: " + e.getMessage(), e);
      }
      return none("user " + DEFAULT_USER + " does not exist here; set rehearsal.steps.run-as");
    }
    StepIsolation isolation = new StepIsolation(user, null);
    if (!Tools.succeeds(isolation.command(List.of("true")).toArray(String[]::new))) {
      return none("this host refuses a PID namespace or the switch to " + user + " (unshare --pid / setpriv failed)");
    }
    return isolation;
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  public boolean isolated() {
    return user != null;
  }

  /** What the worker may read for a step: only what the step's own user could. */
  public ReadAccess access() {
    return access;
  }

  /** Why steps are not isolated; empty when they are. */
  public Optional<String> limitation() {
    return Optional.ofNullable(limitation);
  }

  /**
   * Makes {@code builder} run its command isolated: as the step user, in a new PID namespace whose init is the
   * command (when it ends, the kernel kills whatever else is left in the namespace), with a fresh environment and a
   * scratch directory as home and, unless the step names one, working directory. Every process in the chain dies
   * with its parent, so even a worker killed outright takes its steps with it. Not isolated, the builder gets the
   * worker's minimal environment, as before.
   */
  public StepSandbox prepare(ProcessBuilder builder, UnaryOperator<String> workerEnvironment) throws IOException {
    if (!isolated()) {
      ChildProcess.withMinimalEnvironment(builder, workerEnvironment);
      return new StepSandbox(null);
    }
    String program = builder.command().get(0);
    String path = Optional.ofNullable(workerEnvironment.apply("PATH")).orElse(FALLBACK_PATH);
    if (!Programs.exists(program, path, builder.directory())) {
      // As the worker would have said it: the wrapper would start, and only then fail with exit code 127.
      throw new FileNotFoundException("Cannot run program \"" + program + "\": no such file");
    }
    Path scratch = scratchDirectory();
    builder.command(command(builder.command()));
    if (builder.directory() == null) {
      builder.directory(scratch.toFile());
    }
    builder.environment().clear();
    for (String name : INHERITED) {
      String value = workerEnvironment.apply(name);
      if (value != null) {
        builder.environment().put(name, value);
      }
    }
    builder.environment().put("PATH", path);
    builder.environment().put("HOME", scratch.toString());
    builder.environment().put("TMPDIR", scratch.toString());
    if (!user.name().isEmpty()) {
      builder.environment().put("USER", user.name());
      builder.environment().put("LOGNAME", user.name());
    }
    return new StepSandbox(scratch);
  }

  private List<String> command(List<String> argv) {
    List<String> command = new ArrayList<>(List.of(
        "setpriv", "--pdeathsig", "KILL", "--",
        "unshare", "--pid", "--fork", "--kill-child", "--",
        "setpriv"));
    command.addAll(List.of(user.setprivOptions()));
    // After the switch of user, which clears the death signal unshare's --kill-child had set.
    command.addAll(List.of("--pdeathsig", "KILL", "--"));
    command.addAll(argv);
    return command;
  }

  /** A private, empty directory owned by the step user, outside the worker's data directory. */
  private Path scratchDirectory() {
    try {
      Path dir = Files.createTempDirectory("rehearsal-step-");
      Files.setAttribute(dir, "unix:gid", user.gid());
      Files.setAttribute(dir, "unix:uid", user.uid());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the step's scratch directory", e);
    }
  }

  @Override
  public String toString() {
    return isolated() ? "isolated as " + user : "not isolated: " + limitation;
  }
}
