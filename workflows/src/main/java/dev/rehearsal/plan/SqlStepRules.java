package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** A {@code sql} step: one query on a PostgreSQL target, and what its result must look like. */
final class SqlStepRules extends StepRules {
  private static final Set<String> KEYS = RecordKeys.of(SqlSpec.class);
  private static final Set<String> EXPECT_KEYS = RecordKeys.of(SqlSpec.Expect.class);

  SqlStepRules(JsonChecks checks, PlanCrossChecks cross) {
    super(checks, cross);
  }

  @Override
  void check(JsonNode spec, String path, StepSite site) {
    if (cross.checkTargetRef(spec, "target", path, "postgres") && spec.path("write").asBoolean(false)) {
      cross.checkWritable(spec.get("target").asText(), path + ".target");
    }
    if (!spec.isObject()) {
      return;
    }
    checks.unknownKeys(spec, path, KEYS);
    checks.requireText(spec, "query", path);
    checks.checkBoolean(spec.get("write"), path + ".write");
    checks.checkDuration(spec.get("timeout"), path + ".timeout");
    JsonNode expect = spec.get("expect");
    if (expect != null && checks.requireObject(expect, path + ".expect")) {
      checkExpect(expect, path + ".expect");
    }
  }

  private void checkExpect(JsonNode expect, String path) {
    checks.unknownKeys(expect, path, EXPECT_KEYS);
    JsonNode rows = expect.get("rows");
    if (rows != null && !(rows.isTextual() && SqlSpec.Expect.isComparison(rows.asText()))) {
      checks.problem(path + ".rows", "must be a comparison with a row count, e.g. \">0\", \"==0\", \">=1\", \"<10\"");
    }
    JsonNode value = expect.get("value");
    if (value != null && !value.isValueNode()) {
      checks.problem(path + ".value", "must be a single value (the query's one column of one row)");
    }
    checks.checkBoolean(expect.get("empty"), path + ".empty");
    if (expect.path("empty").asBoolean(false) && (rows != null || value != null)) {
      checks.problem(path + ".empty", "'empty: true' cannot be combined with 'rows' or 'value'");
    }
  }
}
