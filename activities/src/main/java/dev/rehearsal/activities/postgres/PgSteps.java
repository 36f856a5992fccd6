package dev.rehearsal.activities.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.workflows.steps.EvidenceRef;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import dev.rehearsal.activities.process.Heartbeats;
import dev.rehearsal.activities.steps.StepFailure;
import dev.rehearsal.workflows.steps.StepFailureType;
import io.temporal.activity.ActivityExecutionContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.Locale;

/** Small things the PostgreSQL steps share: evidence writing, deadlines, statement cancellation. */
final class PgSteps {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Database and hashing work runs here, not on the common pool: it blocks, and several runs may share a worker. */
  static final ExecutorService WORK = Executors.newCachedThreadPool(runnable -> {
    Thread t = new Thread(runnable, "postgres-step");
    t.setDaemon(true);
    return t;
  });

  private PgSteps() {}

  /**
   * Runs blocking work (hashing gigabytes, dropping a database) while the activity keeps heartbeating, so a long
   * stretch of it is not mistaken for a dead worker. Failures of the work come out as they were thrown.
   */
  static <T> T heartbeating(ActivityExecutionContext context, Supplier<T> work, long deadline, String phase, int attempt) {
    CompletableFuture<T> future = CompletableFuture.supplyAsync(work, WORK);
    try {
      return Heartbeats.await(context, future, remaining(deadline), () -> future.cancel(true), () -> Map.of("phase", phase))
          .orElseThrow(() -> StepFailure.of(StepFailureType.COMMAND_TIMED_OUT, phase + " ran past the step's timeout", attempt));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(phase + " failed", e.getCause());
    }
  }

  /** A tool's stderr as evidence, with every secret this attempt revealed masked. */
  static EvidenceRef storeLog(EvidenceStore evidence, String runId, String name, PgTools.Outcome outcome, SecretScope secrets) {
    return evidence.put(runId, name, secrets.mask(outcome.stderr()).getBytes(StandardCharsets.UTF_8), false);
  }

  static byte[] json(Object value) {
    return EvidenceStore.json(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** pg_dump/pg_restore parallel jobs: the plan's, else one per core up to four. */
  static int jobs(Integer planned) {
    return planned != null ? planned : Math.min(Runtime.getRuntime().availableProcessors(), 4);
  }

  /** One field of a JSON evidence file, as {@code type}. */
  static <T> T readJson(byte[] bytes, String field, Class<T> type) {
    try {
      return JSON.convertValue(JSON.readTree(bytes).get(field), type);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read evidence JSON", e);
    }
  }

  static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  static void cancel(List<Statement> running) {
    for (Statement s : running) {
      try {
        s.cancel();
      } catch (SQLException alreadyDone) {
        // The statement finished or its connection is gone: nothing left to stop.
      }
    }
  }
}
