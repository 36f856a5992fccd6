package dev.rehearsal.bench;

import static dev.rehearsal.bench.BenchOutput.out;
import static dev.rehearsal.bench.Figures.gb;
import static dev.rehearsal.bench.Figures.seconds;

import dev.rehearsal.testing.PostgresServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The data set on the two embedded servers: its creation in production, its size, and checks of the copies. */
final class BenchDatabase {
  static final String TABLE = "bench_events";

  private final PostgresServers servers;
  private long productionRows;
  private long databaseBytes;

  BenchDatabase(PostgresServers servers) {
    this.servers = servers;
  }

  long productionRows() {
    return productionRows;
  }

  long databaseBytes() {
    return databaseBytes;
  }

  void generate(long rows) throws SQLException {
    quietStaging();
    long t0 = System.nanoTime();
    long tableBytes;
    try (Connection c = servers.appConnection(true); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + TABLE);
      s.execute("CREATE TABLE " + TABLE + " (id bigserial PRIMARY KEY, account_id integer NOT NULL, payload text NOT NULL, "
          + "created_at timestamptz NOT NULL)");
      // Deterministic: 80 characters of md5 hex per row, accounts cycling over 100,000, one second apart.
      s.execute("INSERT INTO " + TABLE + " (account_id, payload, created_at) SELECT g % 100000, "
          + "md5(g::text) || md5((g + 1)::text) || left(md5((g + 2)::text), 16), "
          + "timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' FROM generate_series(1, " + rows + ") g");
      s.execute("CREATE INDEX " + TABLE + "_created_at_idx ON " + TABLE + " (created_at)");
      // Set hint bits and the visibility map now, so no measured reader is the first to touch the fresh rows.
      s.execute("VACUUM (FREEZE, ANALYZE) " + TABLE);
      productionRows = queryLong(c, "select count(*) from " + TABLE);
      databaseBytes = queryLong(c, "select pg_database_size(current_database())");
      tableBytes = queryLong(c, "select pg_table_size('" + TABLE + "')");
    }
    checkpoint();
    out("generated %,d rows in %s.%s in %.1f s: pg_database_size %s (table %s, indexes %s)", productionRows,
        PostgresServers.PRODUCTION_DB, TABLE, seconds(t0), gb(databaseBytes), gb(tableBytes), gb(indexBytes()));
    if (productionRows != rows) {
      throw new IllegalStateException("generated " + productionRows + " rows, wanted " + rows);
    }
  }

  /**
   * Autovacuum off on the staging server. Each copy leaves a 6M-row table that autovacuum would vacuum and analyze in
   * the background while the next method is being timed; and the hand script's {@code dropdb --force} fails with SQL
   * state 42501 while an autovacuum worker is in the database (Rehearsal's recreate tries a plain DROP first).
   */
  void quietStaging() throws SQLException {
    try (Connection c = servers.adminConnection(false, "postgres"); Statement s = c.createStatement()) {
      s.execute("ALTER SYSTEM SET autovacuum = off");
      s.execute("SELECT pg_reload_conf()");
    }
  }

  private long indexBytes() throws SQLException {
    try (Connection c = servers.appConnection(true)) {
      return queryLong(c, "select pg_indexes_size('" + TABLE + "')");
    }
  }

  void checkStagingRows(CopyMethod m) throws SQLException {
    long staged;
    try (Connection c = servers.appConnection(false)) {
      staged = queryLong(c, "select count(*) from " + TABLE);
    }
    if (staged != productionRows) {
      throw new IllegalStateException("after " + m.label + ", staging has " + staged + " rows in " + TABLE
          + " but production has " + productionRows + ": NOT A COPY");
    }
  }

  /** Both servers write out their dirty buffers, so no copy pays for the previous one's checkpoint. */
  void checkpoint() throws SQLException {
    for (boolean production : new boolean[] {true, false}) {
      try (Connection c = servers.adminConnection(production, "postgres"); Statement s = c.createStatement()) {
        s.execute("CHECKPOINT");
      }
    }
  }

  /** Seconds one {@code count(*)} of the table takes on this connection. */
  static double timeCount(Connection c) throws SQLException {
    long t0 = System.nanoTime();
    queryLong(c, "select count(*) from " + TABLE);
    return seconds(t0);
  }

  private static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
