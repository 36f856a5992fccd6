package dev.rehearsal.activities.process;

import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A process a step runs: no stdin, stdout and stderr drained (keeping the first bytes), awaited while heartbeating,
 * and killed with everything it started on timeout or cancellation.
 */
public final class ChildProcess {
  /** Short, because no heartbeat goes out while waiting; a short heartbeat timeout must not expire here. */
  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);
  /** Short enough to stay well inside a heartbeat timeout, long enough for a polite tool to clean up. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(3);
  private static final Duration KILL_POLL = Duration.ofMillis(20);

  /**
   * The only worker variables a child inherits: enough to find programs and behave normally. Everything else,
   * secrets especially, must be passed on purpose.
   */
  private static final List<String> INHERITED =
      List.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "TERM");

  private final Process process;
  private final BoundedCapture stdout;
  private final BoundedCapture stderr;

  private ChildProcess(Process process, int maxOutputBytes, BoundedCapture stderr) {
    this.process = process;
    this.stdout = BoundedCapture.drain(process.getInputStream(), maxOutputBytes);
    this.stderr = stderr;
  }

  public static ChildProcess start(ProcessBuilder builder, int maxOutputBytes) throws IOException {
    Process process = builder.start();
    closeStdin(process);
    return new ChildProcess(process, maxOutputBytes, BoundedCapture.drain(process.getErrorStream(), maxOutputBytes));
  }

  /**
   * Started as a tool whose stderr is its log: of a long one the head and the tail (its last error) are kept, and
   * every line is also handed to {@code stderrLines} (when not null) as it comes.
   */
  public static ChildProcess start(ProcessBuilder builder, int maxOutputBytes, Consumer<String> stderrLines) throws IOException {
    Process process = builder.start();
    closeStdin(process);
    return new ChildProcess(process, maxOutputBytes, BoundedCapture.drainHeadAndTail(process.getErrorStream(), maxOutputBytes, stderrLines));
  }

  /** Replaces the builder's environment with the inherited minimum from {@code environment}. */
  public static ProcessBuilder withMinimalEnvironment(ProcessBuilder builder, UnaryOperator<String> environment) {
    builder.environment().clear();
    for (String name : INHERITED) {
      String value = environment.apply(name);
      if (value != null) {
        builder.environment().put(name, value);
      }
    }
    return builder;
  }

  /** The exit code, or empty when the timeout passed and the process tree was killed. */
  public Optional<Integer> await(ActivityExecutionContext context, Duration timeout, Supplier<?> progress) {
    try {
      return Heartbeats.await(context, process.onExit().thenApply(Process::exitValue), timeout, this::kill, progress);
    } catch (ExecutionException e) {
      kill();
      throw new IllegalStateException("waiting for the process failed", e);
    } catch (RuntimeException | Error failure) {
      // A failure on the worker's side (a heartbeat that cannot be sent, say) must not leave the step running.
      if (process.isAlive()) {
        kill();
      }
      throw failure;
    }
  }

  /** Everything the process wrote to stdout (up to the limit), once the stream ended or after a short wait. */
  public BoundedCapture stdout() {
    return stdout.awaitEnd(OUTPUT_DRAIN);
  }

  public BoundedCapture stderr() {
    return stderr.awaitEnd(OUTPUT_DRAIN);
  }

  /**
   * Stops the process and everything it started: SIGTERM first, so a tool like pg_dump can cancel its queries on the
   * server, then SIGKILL for whatever is still running after a short grace. Children are signalled first so none is
   * re-parented and left running. An isolated step's namespace init ignores a SIGTERM it has no handler for, so the
   * grace ends early once nothing left handles SIGTERM: what SIGTERM would have done, SIGKILL then does.
   */
  public void kill() {
    List<ProcessHandle> tree = process.toHandle().descendants().toList();
    tree.forEach(ProcessHandle::destroy);
    process.destroy();
    long deadline = System.nanoTime() + KILL_GRACE.toNanos();
    try {
      while (process.isAlive() && System.nanoTime() - deadline < 0) {
        List<ProcessHandle> left = process.toHandle().descendants().filter(ProcessHandle::isAlive).toList();
        if (!left.isEmpty() && left.stream().noneMatch(Signals::handlesTerm)) {
          left.forEach(ProcessHandle::destroyForcibly);
        }
        process.waitFor(KILL_POLL.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<ProcessHandle> left = process.toHandle().descendants().toList();
    process.destroyForcibly();
    left.forEach(ProcessHandle::destroyForcibly);
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Commands get no input: one waiting for stdin would hang until its timeout. */
  private static void closeStdin(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException alreadyGone) {
      // A process that exited at once has no stdin left to close.
    }
  }
}
