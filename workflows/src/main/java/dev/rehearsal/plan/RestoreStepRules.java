package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** A {@code postgres.restore} step: an earlier snapshot restored into a PostgreSQL target Rehearsal may write to. */
final class RestoreStepRules extends StepRules {
  private static final Set<String> KEYS = RecordKeys.of(RestoreSpec.class);
  private static final Set<String> MODES = RecordKeys.names(RestoreSpec.Mode.class);

  RestoreStepRules(JsonChecks checks, PlanCrossChecks cross) {
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
