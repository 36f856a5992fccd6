package dev.rehearsal.activities.postgres;

import dev.rehearsal.plan.CopySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * How a source database's data is spread over its tables, from the catalog alone (no table is read): what decides
 * whether parallel jobs can help a copy. A dump directory with N jobs dumps and restores N tables at once but writes
 * the whole dump before the restore starts; one stream overlaps dump and restore but copies one table at a time.
 */
record SourceShape(int tables, long totalBytes, long largestBytes) {
  /** A table holding more than this share of the data leaves parallel jobs little to do beside it. */
  static final double DOMINANT_SHARE = 0.5;

  private static final String QUERY = """
      select count(*), coalesce(sum(pg_total_relation_size(c.oid)), 0), coalesce(max(pg_total_relation_size(c.oid)), 0)
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'm') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
      """;

  static SourceShape of(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(QUERY)) {
      r.next();
      return new SourceShape(r.getInt(1), r.getLong(2), r.getLong(3));
    }
  }

  double largestShare() {
    return totalBytes == 0 ? 1.0 : (double) largestBytes / totalBytes;
  }

  /** The method {@code auto} picks with {@code jobs} parallel jobs, and why, in words for the summary. */
  Choice choose(int jobs) {
    String shape = describe();
    if (jobs < 2) {
      return new Choice(CopySpec.Method.stream, "auto: 1 job, " + shape);
    }
    if (tables < 2 || largestShare() > DOMINANT_SHARE) {
      return new Choice(CopySpec.Method.stream, String.format(Locale.ROOT, "auto: one table dominates (%s)", shape));
    }
    return new Choice(CopySpec.Method.directory, String.format(Locale.ROOT, "auto: %d jobs over %s", jobs, shape));
  }

  String describe() {
    return String.format(Locale.ROOT, "%d table%s, the largest %.0f%% of %s", tables, tables == 1 ? "" : "s", largestShare() * 100,
        PgSteps.megabytes(totalBytes));
  }

  /** A method and the reason it was chosen. */
  record Choice(CopySpec.Method method, String reason) {}
}
