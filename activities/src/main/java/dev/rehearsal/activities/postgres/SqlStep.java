package dev.rehearsal.activities.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.outputs.TakenOutputs;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.activities.steps.StepFailure;
import dev.rehearsal.activities.steps.WriteGuard;
import dev.rehearsal.plan.Expectations;
import dev.rehearsal.plan.SqlSpec;
import dev.rehearsal.workflows.postgres.SqlInput;
import dev.rehearsal.workflows.steps.EvidenceRef;
import dev.rehearsal.workflows.steps.StepFailureType;
import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.activity.ActivityExecutionContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code sql} step: one statement in its own transaction, read-only unless the step says {@code write: true} (and
 * the production guard agrees), its result kept as evidence and checked against the step's expectations.
 */
final class SqlStep {
  /** Rows kept as evidence; the count still covers every row. */
  private static final int ROWS_KEPT = 1000;

  private final EvidenceStore evidence;

  SqlStep(EvidenceStore evidence) {
    this.evidence = evidence;
  }

  /**
   * What the statement returned: the row count (or update count), the first cell, the kept rows as text, and the first
   * row as an object keyed by column (null when there is none).
   */
  private record Outcome(long rows, String firstValue, boolean hasResult, String table, JsonNode firstRow) {}

  StepResult run(ActivityExecutionContext context, SqlInput input, SecretScope secrets) {
    int attempt = context.getInfo().getAttempt();
    String runId = context.getInfo().getWorkflowId();
    SqlSpec spec = input.spec();
    if (spec.write()) {
      WriteGuard.check(Map.of(input.targetName(), input.target()), input.guardPatterns(), secrets, attempt);
    }
    if (!spec.write() && !SingleStatement.check(spec.query())) {
      throw StepFailure.of(StepFailureType.INVALID_STEP,
          "a read step runs exactly one statement; split it, or say 'write: true' if it is meant to change data", attempt);
    }
    PgAddress target = PgAddress.parse(secrets.resolve(input.target().address()));
    Duration timeout = Duration.ofMillis(input.timeoutMillis());
    Outcome outcome;
    long deadline = System.nanoTime() + timeout.plusSeconds(5).toNanos();
    try (Connection connection = PgConnections.open(target, attempt)) {
      connection.setAutoCommit(false);
      // Read-only is enforced by the server for the whole transaction, whatever the query tries.
      connection.setReadOnly(!spec.write());
      try (Statement s = connection.createStatement()) {
        s.execute(spec.write() ? "set transaction read write" : "set transaction read only");
        s.execute("set local statement_timeout = " + Math.max(1, timeout.toMillis()));
      }
      try (BackgroundQuery<Outcome> query = BackgroundQuery.start(running -> {
        try (Statement s = connection.createStatement()) {
          running.accept(s);
          return read(s, s.execute(spec.query()));
        }
      })) {
        outcome = query.await(context, deadline, "running the query", "query on " + target.describe(), attempt);
      }
      if (spec.write() && expectationFailure(spec.expect(), outcome) == null) {
        connection.commit();
      } else {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw PgConnections.failure("query on " + target.describe(), e, attempt);
    }

    TakenOutputs outputs = new TakenOutputs(input.outputs(), secrets).fromRow(outcome.firstRow());
    List<EvidenceRef> refs = new ArrayList<>();
    if (outcome.hasResult()) {
      refs.add(evidence.put(runId, input.step() + ".a" + attempt + ".result.txt",
          secrets.mask(outcome.table()).getBytes(StandardCharsets.UTF_8), outcome.rows() > ROWS_KEPT));
    }
    String failure = expectationFailure(spec.expect(), outcome);
    if (failure == null && !outputs.problems().isEmpty()) {
      failure = String.join("; ", outputs.problems());
    }
    if (failure != null) {
      throw StepFailure.of(StepFailureType.ASSERTION_FAILED, secrets.mask(failure), attempt, refs);
    }
    String what = outcome.hasResult() ? outcome.rows() + (outcome.rows() == 1 ? " row" : " rows") : outcome.rows() + " rows changed";
    String value = outcome.hasResult() && outcome.rows() == 1 && outcome.firstValue() != null ? ", value " + abbreviate(outcome.firstValue()) : "";
    return new StepResult(secrets.mask(what + value + " from " + target.describe() + (spec.write() ? " (committed)" : "")), refs, attempt, List.of(),
        outputs.handOn());
  }

  private static Outcome read(Statement s, boolean hasResult) throws SQLException {
    if (!hasResult) {
      return new Outcome(s.getUpdateCount(), null, false, "", null);
    }
    try (ResultSet r = s.getResultSet()) {
      ResultSetMetaData meta = r.getMetaData();
      StringBuilder table = new StringBuilder();
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        table.append(c > 1 ? "\t" : "").append(meta.getColumnLabel(c));
      }
      table.append('\n');
      long rows = 0;
      String first = null;
      JsonNode firstRow = null;
      while (r.next()) {
        if (rows == 0) {
          first = r.getString(1);
          firstRow = SqlRowJson.of(r);
        }
        if (rows < ROWS_KEPT) {
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            String v = r.getString(c);
            table.append(c > 1 ? "\t" : "").append(v == null ? "NULL" : v);
          }
          table.append('\n');
        }
        rows++;
      }
      return new Outcome(rows, first, true, table.toString(), firstRow);
    }
  }

  /** Why the outcome does not meet the expectation, or null when it does. */
  private static String expectationFailure(SqlSpec.Expect expect, Outcome outcome) {
    if (Boolean.TRUE.equals(expect.empty()) && outcome.rows() > 0) {
      return "expected no rows, got " + outcome.rows();
    }
    if (!expect.rowsMatch(outcome.rows())) {
      return "expected rows " + expect.rows().strip() + ", got " + outcome.rows();
    }
    if (expect.value() != null) {
      if (outcome.rows() != 1) {
        return "expected one row with value " + expect.value() + ", got " + outcome.rows() + " rows";
      }
      if (!sameValue(expect.value(), outcome.firstValue())) {
        return "expected value " + expect.value() + ", got " + (outcome.firstValue() == null ? "NULL" : abbreviate(outcome.firstValue()));
      }
    }
    if (expect.json() != null && !expect.json().isEmpty()) {
      if (outcome.firstRow() == null) {
        return "no row, so " + expect.json().keySet() + " cannot be checked";
      }
      List<String> problems = Expectations.onJson(expect.json(), outcome.firstRow());
      return problems.isEmpty() ? null : String.join("; ", problems);
    }
    return null;
  }

  /** Numbers compare as numbers (10 equals 10.0), booleans as PostgreSQL prints them, everything else as text. */
  private static boolean sameValue(JsonNode expected, String actual) {
    if (expected.isNull()) {
      return actual == null;
    }
    if (actual == null) {
      return false;
    }
    if (expected.isNumber()) {
      try {
        return new BigDecimal(actual.strip()).compareTo(expected.decimalValue()) == 0;
      } catch (NumberFormatException notANumber) {
        return false;
      }
    }
    if (expected.isBoolean()) {
      return (expected.asBoolean() ? "t" : "f").equals(actual) || String.valueOf(expected.asBoolean()).equals(actual);
    }
    return expected.asText().equals(actual);
  }

  private static String abbreviate(String value) {
    return value.length() > 80 ? value.substring(0, 80) + "…" : value;
  }
}
