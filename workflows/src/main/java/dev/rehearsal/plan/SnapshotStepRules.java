package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** A {@code postgres.snapshot} step: {@code pg_dump} options of a PostgreSQL target. */
final class SnapshotStepRules extends StepRules {
  private static final Set<String> KEYS = RecordKeys.of(SnapshotSpec.class);
  private static final Set<String> CONTENTS = RecordKeys.names(SnapshotSpec.Content.class);

  SnapshotStepRules(JsonChecks checks, PlanCrossChecks cross) {
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
