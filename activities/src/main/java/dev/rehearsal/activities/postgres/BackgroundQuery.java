package dev.rehearsal.activities.postgres;

import dev.rehearsal.activities.process.Heartbeats;
import dev.rehearsal.activities.steps.StepFailure;
import dev.rehearsal.workflows.steps.StepFailureType;
import io.temporal.activity.ActivityExecutionContext;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Database work on its own thread while the activity heartbeats: a count over a large table must not look like a
 * dead worker, and a cancellation must stop it. The work registers each statement it runs so that stopping cancels
 * them; closing stops work still running and waits for it, so its connection is never closed under it.
 */
final class BackgroundQuery<T> implements AutoCloseable {
  interface Work<T> {
    T run(Consumer<Statement> running) throws SQLException;
  }

  private final List<Statement> running = new CopyOnWriteArrayList<>();
  private final CompletableFuture<T> future;

  private BackgroundQuery(Work<T> work) {
    future = CompletableFuture.supplyAsync(() -> {
      try {
        return work.run(running::add);
      } catch (SQLException e) {
        throw new CompletionException(e);
      }
    }, PgSteps.WORK);
  }

  static <T> BackgroundQuery<T> start(Work<T> work) {
    return new BackgroundQuery<>(work);
  }

  /**
   * The work's result, heartbeating {@code phase} meanwhile. A database error becomes a step failure about {@code
   * what}; running past the deadline is a timeout.
   */
  T await(ActivityExecutionContext context, long deadline, String phase, String what, int attempt) {
    try {
      return Heartbeats.await(context, future, PgSteps.remaining(deadline), this::stop, () -> Map.of("phase", phase))
          .orElseThrow(() -> StepFailure.of(StepFailureType.COMMAND_TIMED_OUT, phase + " ran past the step's timeout", attempt));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
      if (cause instanceof SQLException sql) {
        throw PgConnections.failure(what, sql, attempt);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(phase + " failed", cause);
    }
  }

  private void stop() {
    PgSteps.cancel(running);
  }

  @Override
  public void close() {
    if (!future.isDone()) {
      stop();
      future.handle((result, failure) -> null).join();
    }
  }
}
