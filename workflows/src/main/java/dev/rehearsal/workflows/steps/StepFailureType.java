package dev.rehearsal.workflows.steps;

import java.util.Arrays;

/**
 * Why a step failed, and whether another attempt can help. {@link #type()} is the failure's type in workflow
 * history (Temporal's ApplicationFailure type), so it never changes for an existing constant.
 */
public enum StepFailureType {
  /** An expectation on the result did not hold (status, JSON, output pattern, latency). */
  ASSERTION_FAILED("AssertionFailed", false),
  /** The production guard refused a write. */
  GUARD_REFUSED("GuardRefused", false),
  /** A {@code ${env:..}} or {@code ${file:..}} reference could not be resolved, or may not be. */
  SECRET_UNRESOLVED("SecretUnresolved", false),
  /** The step cannot start as written (no such program, no such directory). */
  INVALID_STEP("InvalidStep", false),
  /** A command exited with an unexpected code: scripts can be flaky. */
  COMMAND_FAILED("CommandFailed", true),
  /** A command ran past its timeout and was killed. */
  COMMAND_TIMED_OUT("CommandTimedOut", true),
  /** Anything else that went wrong inside a step (a worker-side error). */
  STEP_ERROR("StepError", true),
  /** A request could not be made (connection refused, reset, timed out). */
  UNREACHABLE("Unreachable", true),
  /** A client tool is older than the server it talks to (pg_dump 15 cannot dump a 16 server). */
  INCOMPATIBLE_TOOL("IncompatibleTool", false),
  /** A restored database is not a faithful copy of its snapshot, or the snapshot's files changed since it was taken. */
  COPY_MISMATCH("CopyMismatch", false),
  /** The database refused the query itself (syntax, unknown table, a write in a read-only step). */
  QUERY_FAILED("QueryFailed", false);

  // Computed once: every step's activity options ask for them (a stream over the constants per step, before).
  private static final String[] NON_RETRYABLE =
      Arrays.stream(values()).filter(t -> !t.retryable).map(StepFailureType::type).toArray(String[]::new);

  private final String type;
  private final boolean retryable;

  StepFailureType(String type, boolean retryable) {
    this.type = type;
    this.retryable = retryable;
  }

  public String type() {
    return type;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The history types a retry policy must not retry. */
  public static String[] nonRetryableTypes() {
    return NON_RETRYABLE.clone();
  }
}
