package dev.rehearsal.activities.postgres;

import dev.rehearsal.activities.process.ChildProcess;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Where {@code pg_dump} and {@code pg_restore} are, and which version they are. */
public final class PgTools {
  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");

  /** Tool logs kept as evidence; pg_restore --verbose writes a line per object. */
  private static final int LOG_LIMIT = 4 * 1024 * 1024;

  private final Path binDir;
  private final UnaryOperator<String> environment;
  private final java.util.Map<String, String> versions = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param binDir the directory holding the tools, or {@code null} to find them on the worker's PATH
   * @param environment the worker's environment, of which the tools inherit only the basics
   */
  public PgTools(Path binDir, UnaryOperator<String> environment) {
    this.binDir = binDir;
    this.environment = environment;
  }

  /** What a finished tool run left: its exit code (empty when killed at the timeout), output and duration. */
  record Outcome(Optional<Integer> exit, String stdout, String stderr, Duration took) {
    /** The last line of stderr, for a failure message. */
    String lastError() {
      List<String> lines = stderr.strip().lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  /**
   * Runs a tool against a database, heartbeating {@code progress}, killing it (and its parallel workers) on timeout
   * or cancellation. The password goes in the environment only.
   */
  Outcome run(ActivityExecutionContext context, PgAddress address, List<String> args, Duration timeout, Supplier<?> progress) {
    return run(context, address, args, timeout, progress, null);
  }

  /** As above, with every line of the tool's stderr handed to {@code stderrLines} (when not null) as it comes. */
  Outcome run(ActivityExecutionContext context, PgAddress address, List<String> args, Duration timeout, Supplier<?> progress,
      java.util.function.Consumer<String> stderrLines) {
    ProcessBuilder builder = builder(address, args);
    long started = System.nanoTime();
    ChildProcess process;
    try {
      process = ChildProcess.start(builder, LOG_LIMIT, stderrLines);
    } catch (IOException e) {
      throw missing(builder.command().get(0), e);
    }
    Optional<Integer> exit = process.await(context, timeout, progress);
    return new Outcome(exit, text(process.stdout().bytes()), text(process.stderr().bytes()),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** A tool's process, not yet started: the worker's basic environment, and the password in the environment only. */
  ProcessBuilder builder(PgAddress address, List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(command(args.get(0)));
    argv.addAll(args.subList(1, args.size()));
    ProcessBuilder builder = ChildProcess.withMinimalEnvironment(new ProcessBuilder(argv), environment);
    if (address != null) {
      builder.environment().putAll(address.toolEnvironment());
    }
    return builder;
  }

  /**
   * A system tool's process (coreutils' {@code tee}), not yet started: found on the worker's PATH (not in the
   * PostgreSQL bin dir), with the worker's basic environment and no password.
   */
  ProcessBuilder system(List<String> args) {
    List<String> argv = new ArrayList<>(args);
    String path = environment.apply("PATH");
    if (path != null) {
      java.util.stream.Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Path.of(d, args.get(0)))
          .filter(java.nio.file.Files::isExecutable).findFirst().ifPresent(found -> argv.set(0, found.toString()));
    }
    return ChildProcess.withMinimalEnvironment(new ProcessBuilder(argv), environment);
  }

  /** Starts a tool whose stdin and stdout the caller uses (a pipe); a tool that cannot start is missing. */
  Process start(PgAddress address, List<String> args) {
    ProcessBuilder builder = builder(address, args);
    try {
      return builder.start();
    } catch (IOException e) {
      throw missing(builder.command().get(0), e);
    }
  }

  static int logLimit() {
    return LOG_LIMIT;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  String command(String tool) {
    return binDir == null ? tool : binDir.resolve(tool).toString();
  }

  /** The tool's version as printed, e.g. "15.18"; asked once per worker. */
  String version(String tool) {
    return versions.computeIfAbsent(tool, this::askVersion);
  }

  private String askVersion(String tool) {
    try {
      ProcessBuilder builder = ChildProcess.withMinimalEnvironment(new ProcessBuilder(command(tool), "--version"), environment);
      Process p = builder.redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(tool + " --version did not answer within 30s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = VERSION.matcher(out);
      if (p.exitValue() != 0 || !m.find()) {
        throw new IllegalStateException("cannot read the version of " + tool + " from: " + out.strip());
      }
      return m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2);
    } catch (IOException e) {
      throw missing(command(tool), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static ToolMissingException missing(String command, IOException e) {
    return new ToolMissingException(command + " cannot run (" + e.getMessage()
        + "); install the PostgreSQL client tools or set rehearsal.postgres.bin-dir");
  }

  static int major(String version) {
    return Integer.parseInt(version.split("\\.")[0]);
  }

  /** The server's version as "15.10" from {@code server_version_num} (before 10, majors had two parts: "9.6.24"). */
  static String serverVersion(int versionNum) {
    if (versionNum < 100000) {
      return (versionNum / 10000) + "." + (versionNum / 100 % 100) + "." + (versionNum % 100);
    }
    return (versionNum / 10000) + "." + (versionNum % 10000);
  }

  static final class ToolMissingException extends RuntimeException {
    ToolMissingException(String message) {
      super(message);
    }
  }
}
