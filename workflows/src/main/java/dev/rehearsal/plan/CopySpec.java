package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.workflows.postgres.CopyInput;
import dev.rehearsal.workflows.postgres.PostgresActivities;
import dev.rehearsal.workflows.postgres.SnapshotResult;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.workflows.steps.StepRun;
import java.util.Set;

/**
 * A {@code postgres.copy} step: a snapshot of {@code from} restored into {@code to} in one step, recording both. The
 * snapshot stays as evidence, so a later {@code postgres.restore} may name this step in its {@code from}.
 * {@code method: stream} pipes {@code pg_dump -Fc} into {@code pg_restore} and the evidence store at once;
 * {@code directory} is a {@code -Fd -jN} snapshot, then a {@code -jN} restore; {@code auto} (default) picks by the
 * source's shape on the worker.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CopySpec(String from, String to, Integer jobs, Method method, boolean noOwner, boolean noPrivileges, String timeout)
    implements StepBody {

  public static final String DEFAULT_TIMEOUT = "2h";

  public CopySpec {
    method = method == null ? Method.auto : method;
  }

  /** How the copy runs; {@code auto} decides from the source's tables. */
  public enum Method {
    auto,
    stream,
    directory
  }

  @Override
  public StepResult execute(StepRun step) {
    SnapshotResult result = step.activities(PostgresActivities.class).copy(new CopyInput(
        step.name(), this, step.timeoutMillis(), step.target(from), to, step.target(to), step.guard()));
    // Like a snapshot step's: a later restore may restore this copy's snapshot again (a rollback, say).
    step.snapshots().put(step.spec().name(), result.snapshot());
    return result.step();
  }

  /** A {@code postgres.copy} step: a PostgreSQL source copied into a PostgreSQL target Rehearsal may write to. */
  static final class Rules extends StepRules {
    private static final Set<String> KEYS = RecordKeys.of(CopySpec.class);
    private static final Set<String> METHODS = RecordKeys.names(CopySpec.Method.class);

    Rules(JsonChecks checks, PlanCrossChecks cross) {
      super(checks, cross);
    }

    @Override
    void check(JsonNode spec, String path, StepSite site) {
      cross.checkTargetRef(spec, "from", path, "postgres");
      if (!spec.isObject()) {
        return;
      }
      if (cross.checkTargetRef(spec, "to", path, "postgres")) {
        cross.checkWritable(spec.get("to").asText(), path + ".to");
        if (spec.get("to").asText().equals(spec.path("from").asText())) {
          checks.problem(path + ".to", "is the same target as 'from'; a copy into its own source would drop it");
        }
      }
      checks.unknownKeys(spec, path, KEYS);
      checks.checkWholeNumber(spec.get("jobs"), path + ".jobs", 1, 32);
      JsonNode method = spec.get("method");
      if (method != null && !METHODS.contains(method.asText())) {
        checks.problem(path + ".method", "must be 'auto' (decided by the source's tables), 'stream' (pg_dump -Fc piped into "
            + "pg_restore) or 'directory' (pg_dump -Fd -jN, then pg_restore -jN)");
      }
      checks.checkBoolean(spec.get("noOwner"), path + ".noOwner");
      checks.checkBoolean(spec.get("noPrivileges"), path + ".noPrivileges");
      checks.checkDuration(spec.get("timeout"), path + ".timeout");
      cross.recordSnapshot(site.stepName(), "");
    }
  }
}
