package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.workflows.postgres.PostgresActivities;
import dev.rehearsal.workflows.postgres.RestoreInput;
import dev.rehearsal.workflows.postgres.SnapshotRef;
import dev.rehearsal.workflows.steps.StepNotRunnable;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.workflows.steps.StepRun;
import java.util.Set;

/**
 * A {@code postgres.restore} step: an earlier snapshot ({@code from}, a snapshot step's name; optional when the plan
 * has exactly one) restored into a target, then verified to be a faithful copy.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestoreSpec(String to, String from, Mode mode, Integer jobs, boolean noOwner, boolean noPrivileges, String timeout) implements StepBody {

  public static final String DEFAULT_TIMEOUT = "2h";

  public RestoreSpec {
    mode = mode == null ? Mode.recreate : mode;
  }

  /**
   * {@code recreate}: drop and create the database (roles and credentials live on the server and are kept).
   * {@code clean}: {@code pg_restore --clean --if-exists} into the existing database.
   */
  public enum Mode {
    recreate,
    clean
  }

  @Override
  public StepResult execute(StepRun step) {
    SnapshotRef snapshot = step.snapshots().get(from);
    if (snapshot == null) {
      // A rollback restore after a failed snapshot: nothing to restore, and no point asking a worker.
      throw new StepNotRunnable("snapshot " + from + " was not taken in this run");
    }
    return step.activities(PostgresActivities.class).restore(
        new RestoreInput(step.name(), this, step.timeoutMillis(), to, step.target(to), snapshot, step.guard()));
  }

  /** A {@code postgres.restore} step: an earlier snapshot restored into a PostgreSQL target Rehearsal may write to. */
  static final class Rules extends StepRules {
    private static final Set<String> KEYS = RecordKeys.of(RestoreSpec.class);
    private static final Set<String> MODES = RecordKeys.names(RestoreSpec.Mode.class);

    Rules(JsonChecks checks, PlanCrossChecks cross) {
      super(checks, cross);
    }

    @Override
    void check(JsonNode spec, String path, StepSite site) {
      if (cross.checkTargetRef(spec, "to", path, "postgres")) {
        cross.checkWritable(spec.get("to").asText(), path + ".to");
      }
      if (!spec.isObject()) {
        return;
      }
      checks.unknownKeys(spec, path, KEYS);
      cross.checkRestoreSource(spec.get("from"), path, site.phases());
      JsonNode mode = spec.get("mode");
      if (mode != null && !MODES.contains(mode.asText())) {
        checks.problem(path + ".mode", "must be 'recreate' (drop and create the database) or 'clean' (pg_restore --clean --if-exists)");
      }
      checks.checkWholeNumber(spec.get("jobs"), path + ".jobs", 1, 32);
      checks.checkBoolean(spec.get("noOwner"), path + ".noOwner");
      checks.checkBoolean(spec.get("noPrivileges"), path + ".noPrivileges");
      checks.checkDuration(spec.get("timeout"), path + ".timeout");
    }
  }
}
