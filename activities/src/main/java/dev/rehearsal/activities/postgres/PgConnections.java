package dev.rehearsal.activities.postgres;

import dev.rehearsal.activities.steps.StepFailure;
import dev.rehearsal.workflows.steps.StepFailureType;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** JDBC connections to targets, and database errors turned into step failures a retry policy understands. */
final class PgConnections {
  private static final int CONNECT_TIMEOUT_SECONDS = 15;

  private PgConnections() {}

  static Connection open(PgAddress address, int attempt) {
    Properties properties = address.jdbcProperties();
    properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    try {
      return DriverManager.getConnection(address.jdbcUrl(), properties);
    } catch (SQLException e) {
      throw failure("cannot connect to " + address.describe(), e, attempt);
    }
  }

  /**
   * A connection for counts that run beside pg_dump or pg_restore: without parallel workers, which would take the
   * cores the tools are using (the counts are as exact; they run in the same snapshot or after the same commits).
   */
  static Connection openBesideTools(PgAddress address, int attempt) {
    Connection connection = open(address, attempt);
    try (Statement s = connection.createStatement()) {
      s.execute("set max_parallel_workers_per_gather = 0");
      return connection;
    } catch (SQLException e) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // The failure below is the one worth reporting.
      }
      throw failure("cannot configure the connection to " + address.describe(), e, attempt);
    }
  }

  static String queryString(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }

  /**
   * Connection trouble and transient conflicts are retryable; anything the database refused about the statement
   * itself (SQL state classes 22, 23, 25, 42 and the like) will fail the same way again.
   */
  static ApplicationFailure failure(String context, SQLException e, int attempt) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = context + ": " + e.getMessage() + (state.isEmpty() ? "" : " (SQL state " + state + ")");
    if (state.isEmpty() || state.startsWith("08")) {
      return StepFailure.of(StepFailureType.UNREACHABLE, message, attempt);
    }
    if (state.startsWith("40") || state.startsWith("53") || state.startsWith("57") || state.startsWith("55")) {
      return StepFailure.of(StepFailureType.STEP_ERROR, message, attempt);
    }
    return StepFailure.of(StepFailureType.QUERY_FAILED, message, attempt);
  }
}
