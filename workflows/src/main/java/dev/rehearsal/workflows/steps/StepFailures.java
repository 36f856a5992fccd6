package dev.rehearsal.workflows.steps;

import java.util.List;

/** Failure types steps throw. Those listed in {@link #NON_RETRYABLE} are not retried: a retry cannot fix them. */
public final class StepFailures {
  /** An expectation on the result did not hold (status, JSON, output pattern, latency). */
  public static final String ASSERTION_FAILED = "AssertionFailed";
  /** The production guard refused a write. */
  public static final String GUARD_REFUSED = "GuardRefused";
  /** A {@code ${env:..}} or {@code ${file:..}} reference could not be resolved. */
  public static final String SECRET_UNRESOLVED = "SecretUnresolved";
  /** The step cannot start as written (no such program, no such directory). */
  public static final String INVALID_STEP = "InvalidStep";
  /** A command exited with an unexpected code; retryable, scripts can be flaky. */
  public static final String COMMAND_FAILED = "CommandFailed";
  /** A command ran past its timeout and was killed; retryable. */
  public static final String COMMAND_TIMED_OUT = "CommandTimedOut";
  /** Anything else that went wrong inside a step (a worker-side error); retryable. */
  public static final String STEP_ERROR = "StepError";
  /** A request could not be made (connection refused, reset, timed out); retryable. */
  public static final String UNREACHABLE = "Unreachable";

  /** A client tool is older than the server it talks to (pg_dump 15 cannot dump a 16 server). */
  public static final String INCOMPATIBLE_TOOL = "IncompatibleTool";
  /** A restored database is not a faithful copy of its snapshot, or the snapshot's files changed since it was taken. */
  public static final String COPY_MISMATCH = "CopyMismatch";

  /** The database refused the query itself (syntax, unknown table, a write in a read-only step). */
  public static final String QUERY_FAILED = "QueryFailed";

  public static final List<String> NON_RETRYABLE =
      List.of(ASSERTION_FAILED, GUARD_REFUSED, SECRET_UNRESOLVED, INVALID_STEP, INCOMPATIBLE_TOOL, COPY_MISMATCH, QUERY_FAILED);

  private StepFailures() {}
}
