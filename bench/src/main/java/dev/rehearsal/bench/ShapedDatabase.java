package dev.rehearsal.bench;

import static dev.rehearsal.bench.BenchOutput.out;
import static dev.rehearsal.bench.Figures.gb;
import static dev.rehearsal.bench.Figures.seconds;

import dev.rehearsal.testing.PostgresServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Production in one of the copy benchmark's shapes: {@link BenchDatabase}'s one table, or {@code tables} tables of the
 * same columns whose row counts grow linearly (table k holds k shares), adding up to the same rows and size.
 */
final class ShapedDatabase {
  private final PostgresServers servers;
  private final BenchDatabase single;
  private List<String> tables = List.of();
  private long rows;
  private long bytes;

  ShapedDatabase(PostgresServers servers) {
    this.servers = servers;
    this.single = new BenchDatabase(servers);
  }

  long bytes() {
    return bytes;
  }

  List<String> tables() {
    return tables;
  }

  void generate(CopyShape shape, long totalRows, int count) throws SQLException {
    dropAll();
    if (shape == CopyShape.ONE_TABLE) {
      single.generate(totalRows);
      tables = List.of(BenchDatabase.TABLE);
      rows = single.productionRows();
      bytes = single.databaseBytes();
      return;
    }
    single.quietStaging();
    long t0 = System.nanoTime();
    long shares = (long) count * (count + 1) / 2;
    List<String> names = new ArrayList<>();
    try (Connection c = servers.appConnection(true); Statement s = c.createStatement()) {
      long first = 1;
      for (int k = 1; k <= count; k++) {
        long n = k == count ? totalRows - first + 1 : totalRows * k / shares;
        String t = String.format(Locale.ROOT, "%s_%02d", BenchDatabase.TABLE, k);
        s.execute("CREATE TABLE " + t + " (id bigint PRIMARY KEY, account_id integer NOT NULL, payload text NOT NULL, "
            + "created_at timestamptz NOT NULL)");
        s.execute("INSERT INTO " + t + " SELECT g, g % 100000, md5(g::text) || md5((g + 1)::text) || left(md5((g + 2)::text), 16), "
            + "timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' FROM generate_series(" + first + ", " + (first + n - 1) + ") g");
        s.execute("CREATE INDEX " + t + "_created_at_idx ON " + t + " (created_at)");
        s.execute("VACUUM (FREEZE, ANALYZE) " + t);
        names.add(t);
        first += n;
      }
      tables = List.copyOf(names);
      rows = count(c);
      bytes = queryLong(c, "select pg_database_size(current_database())");
      out("generated %,d rows in %d tables (largest %,d rows) in %.1f s: pg_database_size %s", rows, count,
          totalRows * count / shares, seconds(t0), gb(bytes));
    }
    single.checkpoint();
    if (rows != totalRows) {
      throw new IllegalStateException("generated " + rows + " rows, wanted " + totalRows);
    }
  }

  /** Staging holds as many rows in the same tables as production, or the copy fails the benchmark. */
  void checkStagingRows(String method) throws SQLException {
    long staged;
    try (Connection c = servers.appConnection(false)) {
      staged = count(c);
    }
    if (staged != rows) {
      throw new IllegalStateException("after " + method + ", staging has " + staged + " rows but production has " + rows + ": NOT A COPY");
    }
  }

  void checkpoint() throws SQLException {
    single.checkpoint();
  }

  private void dropAll() throws SQLException {
    try (Connection c = servers.appConnection(true); Statement s = c.createStatement()) {
      List<String> existing = new ArrayList<>();
      try (ResultSet r = s.executeQuery("select tablename from pg_tables where schemaname = 'public' and tablename like '"
          + BenchDatabase.TABLE + "%'")) {
        while (r.next()) {
          existing.add(r.getString(1));
        }
      }
      for (String t : existing) {
        s.execute("DROP TABLE " + t);
      }
    }
  }

  private long count(Connection c) throws SQLException {
    String sum = String.join(" + ", IntStream.range(0, tables.size())
        .mapToObj(i -> "(select count(*) from " + tables.get(i) + ")").toList());
    return queryLong(c, "select " + sum);
  }

  private static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
