package dev.rehearsal.activities.postgres;

import io.temporal.activity.ActivityExecutionContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the rows of each restored table as soon as {@code pg_restore --verbose} has committed its data, while the
 * restore goes on (indexes, constraints, other tables): the copy's census then only counts what is left. Nothing
 * pg_restore does after a table's data item changes its rows (indexes, constraints and triggers come after the data;
 * a recreated target has nothing else in it), so the count is as exact as one taken at the end.
 *
 * <p>It is fed {@code pg_restore}'s stderr lines. One job prints {@code processing data for table "s.t"} before the
 * data and its next line after it was committed; parallel jobs print {@code finished item <dump id> TABLE DATA <name>}
 * once a worker committed it, named here through the dump's table of contents. A line it does not understand, a
 * count that fails, or a table never reported just leaves that table to the census at the end.
 */
final class EarlyCounts implements Consumer<String>, AutoCloseable {
  private static final Pattern PROCESSING = Pattern.compile("^pg_restore: processing data for table \"(.+)\"$");
  private static final FinishedItemLine FINISHED = new FinishedItemLine("pg_restore");
  /** What one job prints as it starts its next item, so after the previous one ended (a server notice is not one). */
  private static final Pattern NEXT_ITEM = Pattern.compile("^pg_restore: (creating|executing|processing|setting|disabling|enabling) .*$");

  private final Connection connection;
  private final Map<Integer, String> tableDataById;
  private final ExecutorService counter = Executors.newSingleThreadExecutor(runnable -> {
    Thread t = new Thread(runnable, "early-count");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Long> counted = new ConcurrentHashMap<>();
  private volatile Statement running;
  private volatile boolean closed;
  private String loading;

  /**
   * @param connection to the restored database, in autocommit (each count sees what was committed before it)
   * @param tableDataById the dump's TABLE DATA entries by dump id, when pg_restore runs parallel jobs (whose workers'
   *     lines interleave, so only the leader's "finished item" counts); null for one job
   */
  EarlyCounts(Connection connection, Map<Integer, String> tableDataById) {
    this.connection = connection;
    this.tableDataById = tableDataById;
  }

  @Override
  public synchronized void accept(String line) {
    if (tableDataById == null) {
      // One job: the next item is started once the table's COPY has been committed.
      if (loading != null && NEXT_ITEM.matcher(line).matches()) {
        count(loading);
        loading = null;
      }
      Matcher processing = PROCESSING.matcher(line);
      if (processing.matches()) {
        loading = processing.group(1);
      }
      return;
    }
    FINISHED.dumpId(line).ifPresent(id -> {
      String table = tableDataById.get(id);
      if (table != null) {
        count(table);
      }
    });
  }

  private void count(String table) {
    if (closed || counter.isShutdown()) {
      return;
    }
    try {
      counter.execute(() -> countNow(table));
    } catch (java.util.concurrent.RejectedExecutionException late) {
      // A line read after the counts were collected: that table is left to the census.
    }
  }

  private void countNow(String table) {
    // A dot inside a schema or table name would make "s.t" ambiguous: such a table is left to the census.
    String[] parts = table.split("\\.", -1);
    if (closed || parts.length != 2) {
      return;
    }
    String name = ident(parts[0]) + "." + ident(parts[1]);
    // A parent's count includes its inheritance children (and a partition loaded via its root may receive another's
    // rows), which load after it: any table in an inheritance tree is left to the census at the end.
    String sql = "select case when exists (select 1 from pg_inherits where inhrelid = ?::regclass or inhparent = ?::regclass)"
        + " then null else (select count(*) from " + name + ") end";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      running = s;
      s.setString(1, name);
      s.setString(2, name);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        long rows = r.getLong(1);
        if (!r.wasNull()) {
          counted.put(table, rows);
        }
      }
    } catch (SQLException | RuntimeException e) {
      // Left to the census at the end, which reports a real failure as one.
    } finally {
      running = null;
    }
  }

  /**
   * Once pg_restore has ended: the counts, after the ones already asked for have finished (heartbeating meanwhile).
   */
  Map<String, Long> awaitCounted(ActivityExecutionContext context, long deadline, int attempt) {
    counter.shutdown();
    return PgSteps.heartbeating(context, () -> {
      try {
        counter.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Map.copyOf(counted);
    }, deadline, "counting rows", attempt);
  }

  /** Stops a count still running (a failed or cancelled copy); the connection is the caller's to close. */
  @Override
  public void close() {
    closed = true;
    Statement s = running;
    if (s != null) {
      PgSteps.cancel(java.util.List.of(s));
    }
    counter.shutdownNow();
    try {
      counter.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
