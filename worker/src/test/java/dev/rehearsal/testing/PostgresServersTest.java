package dev.rehearsal.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PostgresServersTest {
  private static PostgresServers pg;

  @BeforeAll
  static void start() {
    pg = new PostgresServers();
    System.out.println("PostgresServers startup took " + pg.startupTime().toMillis() + " ms");
  }

  @AfterAll
  static void stop() {
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void passwordAuthenticationIsEnforcedForApp() throws SQLException {
    for (boolean production : new boolean[] {true, false}) {
      String db = production ? PostgresServers.PRODUCTION_DB : PostgresServers.STAGING_DB;
      assertThatThrownBy(() -> pg.connect(production, db, "app", "wrong-password").close())
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
      assertThatThrownBy(() -> pg.connect(production, db, "app", null).close())
          .isInstanceOf(SQLException.class);

      try (Connection c = pg.appConnection(production);
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT current_user, current_database()")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("app");
        assertThat(rs.getString(2)).isEqualTo(db);
      }
      try (Connection c = pg.adminConnection(production, "postgres");
          Statement st = c.createStatement()) {
        try (ResultSet rs = st.executeQuery(
            "SELECT rolpassword, rolcanlogin, rolcreatedb, rolsuper FROM pg_authid WHERE rolname = 'app'")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).startsWith("SCRAM-SHA-256$");
          assertThat(rs.getBoolean(2)).isTrue();
          assertThat(rs.getBoolean(3)).isTrue();
          assertThat(rs.getBoolean(4)).isFalse();
        }
        try (ResultSet rs = st.executeQuery(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '" + db + "'")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("app");
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_hba_file_rules"
            + " WHERE 'app' = ANY (user_name) AND auth_method = 'scram-sha-256'"
            + " AND address IN ('127.0.0.1', '::1')")) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(2);
        }
      }
    }
  }

  @Test
  void bothServersAreDistinctPostgres15() throws SQLException {
    assertThat(pg.productionPort()).isNotEqualTo(pg.stagingPort());
    assertThat(pg.productionUrl()).isEqualTo("postgresql://app:" + PostgresServers.PASSWORD
        + "@127.0.0.1:" + pg.productionPort() + "/shop_production");
    assertThat(pg.stagingUrlWithoutPassword())
        .isEqualTo("postgresql://app@127.0.0.1:" + pg.stagingPort() + "/shop_staging");
    for (boolean production : new boolean[] {true, false}) {
      try (Connection c = pg.adminConnection(production, "postgres");
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int,"
              + " (SELECT array_agg(datname::text ORDER BY datname) FROM pg_database WHERE datname LIKE 'shop%')")) {
        rs.next();
        assertThat(rs.getInt(1)).isBetween(150000, 159999);
        assertThat((String[]) rs.getArray(2).getArray())
            .containsExactly(production ? "shop_production" : "shop_staging");
      }
    }
  }

  @Test
  void systemPgDumpIsMajor15AndReachesProductionThroughTheUri() throws Exception {
    String version = run("/usr/bin/pg_dump", "--version");
    Matcher m = Pattern.compile("pg_dump \\(PostgreSQL\\) (\\d+)\\.").matcher(version);
    assertThat(m.find()).as(version).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isEqualTo(15);

    String dump = run("/usr/bin/pg_dump", "--schema-only", "--no-password", "--dbname=" + pg.stagingUrl());
    assertThat(dump).contains("PostgreSQL database dump complete");
  }

  @Test
  void loadShopDataCreatesTheSchemaAndRows() throws SQLException {
    long t0 = System.nanoTime();
    pg.loadShopData(300_000);
    System.out.println("loadShopData(300_000) took " + (System.nanoTime() - t0) / 1_000_000 + " ms");

    try (Connection c = pg.appConnection(true); Statement st = c.createStatement()) {
      assertThat(single(st, "SELECT count(*) FROM orders")).isEqualTo("300000");
      assertThat(single(st, "SELECT count(*) FROM customers")).isEqualTo("30000");
      assertThat(single(st, "SELECT count(*) > 0 FROM big_orders")).isEqualTo("t");
      assertThat(single(st, "SELECT order_total(1) > 0")).isEqualTo("t");
      assertThat(single(st, "SELECT last_value FROM invoice_no_seq"))
          .isEqualTo(String.valueOf(PostgresServers.INVOICE_SEQ_VALUE));
      assertThat(single(st, "SELECT confrelid::regclass::text FROM pg_constraint"
          + " WHERE conrelid = 'orders'::regclass AND contype = 'f'")).isEqualTo("customers");
      assertThat(single(st, "SELECT indexdef FROM pg_indexes WHERE indexname = 'orders_created_at_idx'"))
          .contains("(created_at)");
      assertThat(single(st, "SELECT count(*) FROM pg_views WHERE viewname = 'big_orders'")).isEqualTo("1");
      assertThat(single(st, "SELECT string_agg(DISTINCT pg_get_userbyid(relowner), ',') FROM pg_class"
          + " WHERE relnamespace = 'public'::regnamespace")).isEqualTo("app");
      assertThatThrownBy(() -> st.execute("INSERT INTO orders (customer_id, amount) VALUES (999999, 1)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("orders_customer_id_fkey");
    }
    try (Connection c = pg.appConnection(false); Statement st = c.createStatement()) {
      assertThat(single(st, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("0");
    }
  }

  private static String single(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
