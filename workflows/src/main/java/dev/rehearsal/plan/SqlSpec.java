package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.workflows.postgres.PostgresActivities;
import dev.rehearsal.workflows.postgres.SqlInput;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.workflows.steps.StepRun;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code sql} step: one query on a PostgreSQL target, read-only unless {@code write: true}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SqlSpec(String target, String query, boolean write, String timeout, Expect expect) implements StepBody {

  public static final String DEFAULT_TIMEOUT = "5m";

  public SqlSpec {
    expect = expect == null ? Expect.ANY : expect;
  }

  /**
   * What the result must look like: a row count comparison ({@code ">0"}, {@code "==0"}), the single value it must
   * equal, no rows at all, or JSON Pointer checks on the first row as an object keyed by column ({@code /major}).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Expect(String rows, JsonNode value, Boolean empty,
      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, JsonNode> json) {
    public static final Expect ANY = new Expect(null, null, null);
    private static final Pattern COMPARISON = Pattern.compile("\\s*(==|!=|>=|<=|>|<|=)\\s*(\\d{1,18})\\s*");

    public Expect {
      // A JSON null arrives as a NullNode; it means no value was given (test for NULL with "... is null").
      value = value == null || value.isNull() ? null : value;
    }

    public Expect(String rows, JsonNode value, Boolean empty) {
      this(rows, value, empty, null);
    }

    /** Whether {@code count} satisfies the {@code rows} comparison; true when there is none. */
    public boolean rowsMatch(long count) {
      if (rows == null) {
        return true;
      }
      Matcher m = COMPARISON.matcher(rows);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a row count comparison: " + rows);
      }
      long n = Long.parseLong(m.group(2));
      return switch (m.group(1)) {
        case "==", "=" -> count == n;
        case "!=" -> count != n;
        case ">=" -> count >= n;
        case "<=" -> count <= n;
        case ">" -> count > n;
        default -> count < n;
      };
    }

    public static boolean isComparison(String text) {
      return COMPARISON.matcher(text).matches();
    }
  }

  @Override
  public StepResult execute(StepRun step) {
    return step.activities(PostgresActivities.class).runSql(
        new SqlInput(step.name(), this, step.timeoutMillis(), target, step.target(target), step.guard(),
            step.outputRequest(), step.spec().until()));
  }

  /** A {@code sql} step: one query on a PostgreSQL target, and what its result must look like. */
  static final class Rules extends StepRules {
    private static final Set<String> KEYS = RecordKeys.of(SqlSpec.class);
    private static final Set<String> EXPECT_KEYS = RecordKeys.of(SqlSpec.Expect.class);

    Rules(JsonChecks checks, PlanCrossChecks cross) {
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
      new ExpectationRules(checks).checkPointers(expect.get("json"), path + ".json");
      if (expect.path("empty").asBoolean(false) && (rows != null || value != null)) {
        checks.problem(path + ".empty", "'empty: true' cannot be combined with 'rows' or 'value'");
      }
    }
  }
}
