package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.workflows.postgres.PostgresActivities;
import dev.rehearsal.workflows.postgres.SnapshotInput;
import dev.rehearsal.workflows.postgres.SnapshotResult;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.workflows.steps.StepRun;
import java.util.List;
import java.util.Set;

/**
 * A {@code postgres.snapshot} step: {@code pg_dump} of a target in directory format into the evidence store.
 * {@code compress} defaults to 0 because on few cores compression costs about three times the copy itself; {@code
 * jobs} defaults on the worker to min(cores, 4).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotSpec(
    String from,
    Integer jobs,
    Integer compress,
    List<String> schemas,
    List<String> excludeSchemas,
    List<String> tables,
    List<String> excludeTables,
    boolean noOwner,
    boolean noPrivileges,
    Content only,
    String timeout) implements StepBody {

  public static final String DEFAULT_TIMEOUT = "2h";

  public SnapshotSpec {
    compress = compress == null ? 0 : compress;
    schemas = schemas == null ? List.of() : List.copyOf(schemas);
    excludeSchemas = excludeSchemas == null ? List.of() : List.copyOf(excludeSchemas);
    tables = tables == null ? List.of() : List.copyOf(tables);
    excludeTables = excludeTables == null ? List.of() : List.copyOf(excludeTables);
  }

  /** Whether only some tables are dumped, so object counts of whole schemas cannot be compared after a restore. */
  public boolean filtersTables() {
    return !tables.isEmpty() || !excludeTables.isEmpty();
  }

  /** {@code only: schema} or {@code only: data}; absent means both. */
  public enum Content {
    schema,
    data
  }

  @Override
  public StepResult execute(StepRun step) {
    SnapshotResult result = step.activities(PostgresActivities.class)
        .snapshot(new SnapshotInput(step.name(), this, step.timeoutMillis(), step.target(from)));
    // Keyed by the step's own name, so a rerun's fresh snapshot is the one later restores read.
    step.snapshots().put(step.spec().name(), result.snapshot());
    return result.step();
  }

  /** A {@code postgres.snapshot} step: {@code pg_dump} options of a PostgreSQL target. */
  static final class Rules extends StepRules {
    private static final Set<String> KEYS = RecordKeys.of(SnapshotSpec.class);
    private static final Set<String> CONTENTS = RecordKeys.names(SnapshotSpec.Content.class);

    Rules(JsonChecks checks, PlanCrossChecks cross) {
      super(checks, cross);
    }

    @Override
    void check(JsonNode spec, String path, StepSite site) {
      cross.checkTargetRef(spec, "from", path, "postgres");
      if (!spec.isObject()) {
        return;
      }
      checks.unknownKeys(spec, path, KEYS);
      checks.checkWholeNumber(spec.get("jobs"), path + ".jobs", 1, 32);
      checks.checkWholeNumber(spec.get("compress"), path + ".compress", 0, 9);
      for (String list : List.of("schemas", "excludeSchemas", "tables", "excludeTables")) {
        checks.checkStringList(spec.get(list), path + "." + list);
      }
      checks.checkBoolean(spec.get("noOwner"), path + ".noOwner");
      checks.checkBoolean(spec.get("noPrivileges"), path + ".noPrivileges");
      JsonNode only = spec.get("only");
      if (only != null && !CONTENTS.contains(only.asText())) {
        checks.problem(path + ".only", "must be 'schema' or 'data' (leave it out for both)");
      }
      checks.checkDuration(spec.get("timeout"), path + ".timeout");
      cross.recordSnapshot(site.stepName(), only == null ? "" : only.asText());
    }
  }
}
