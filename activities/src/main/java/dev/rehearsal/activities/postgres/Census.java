package dev.rehearsal.activities.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What a database holds, as far as a faithful copy must reproduce it: the exact row count of every table, the value
 * of every sequence ({@code null} when never used), and how many objects of each kind each schema has.
 *
 * @param rows schema.table (as written in a dump's table of contents, unquoted) → rows
 * @param sequences schema.sequence → last value
 * @param objects schema → kind (tables, indexes, views, sequences, functions, extensions) → count
 */
record Census(Map<String, Long> rows, Map<String, Long> sequences, Map<String, Map<String, Long>> objects) {

  private static final String USER_SCHEMAS = "n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'";
  private static final String OBJECT_COUNTS = """
      select n.nspname, k.kind, count(o.name)
      from pg_namespace n
      cross join (values ('tables'), ('indexes'), ('views'), ('sequences'), ('functions'), ('extensions')) k(kind)
      left join (
        select relnamespace as ns, 'tables' as kind, relname::text as name from pg_class where relkind in ('r', 'p')
        union all select relnamespace, 'indexes', relname::text from pg_class where relkind in ('i', 'I')
        union all select relnamespace, 'views', relname::text from pg_class where relkind in ('v', 'm')
        union all select relnamespace, 'sequences', relname::text from pg_class where relkind = 'S'
        union all select pronamespace, 'functions', proname::text from pg_proc
        union all select extnamespace, 'extensions', extname::text from pg_extension
      ) o on o.ns = n.oid and o.kind = k.kind
      where %s
      group by n.nspname, k.kind
      """;

  /**
   * Counts everything in the user schemas (all of them, or only {@code schemas} when given), inside the connection's
   * current transaction: for a snapshot, the one whose snapshot pg_dump shares, so the counts are of exactly what was
   * dumped. {@code running} receives each statement so a cancelled step can stop a long count.
   */
  static Census take(Connection connection, Collection<String> schemas, Consumer<Statement> running) throws SQLException {
    return take(connection, schemas, running, Map.of());
  }

  /** As above, but the tables in {@code counted} are not counted again: their exact counts were taken already. */
  static Census take(Connection connection, Collection<String> schemas, Consumer<Statement> running, Map<String, Long> counted)
      throws SQLException {
    String where = USER_SCHEMAS + (schemas == null ? "" : " and n.nspname = any(?)");
    Map<String, String> tables = new TreeMap<>();
    Map<String, Long> sequences = new TreeMap<>();
    Map<String, Map<String, Long>> objects = new TreeMap<>();
    // Partitioned parents (relkind 'p') are left out: their rows are their partitions' rows, counted here.
    query(connection, schemas, running, "select n.nspname || '.' || c.relname, format('%I.%I', n.nspname, c.relname) "
        + "from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and " + where,
        r -> tables.put(r.getString(1), r.getString(2)));
    query(connection, schemas, running, "select n.nspname || '.' || q.sequencename, q.last_value from pg_sequences q "
        + "join pg_namespace n on n.nspname = q.schemaname where " + where, r -> {
          long value = r.getLong(2);
          sequences.put(r.getString(1), r.wasNull() ? null : value);
        });
    query(connection, schemas, running, OBJECT_COUNTS.replace("%s", where),
        r -> objects.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.getString(2), r.getLong(3)));
    Map<String, Long> rows = new TreeMap<>();
    try (Statement s = connection.createStatement()) {
      running.accept(s);
      for (Map.Entry<String, String> table : tables.entrySet()) {
        if (counted.containsKey(table.getKey())) {
          rows.put(table.getKey(), counted.get(table.getKey()));
          continue;
        }
        try (ResultSet r = s.executeQuery("select count(*) from " + table.getValue())) {
          r.next();
          rows.put(table.getKey(), r.getLong(1));
        }
      }
    }
    return new Census(rows, sequences, objects);
  }

  private interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  private static void query(Connection connection, Collection<String> schemas, Consumer<Statement> running, String sql, RowReader reader)
      throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      running.accept(s);
      if (schemas != null) {
        s.setArray(1, connection.createArrayOf("text", schemas.toArray()));
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          reader.read(r);
        }
      }
    }
  }

  /** The census narrowed to what a dump holds: its table data, its sequence values, its schemas. */
  Census narrowedTo(Collection<String> tables, Collection<String> sequenceNames, Collection<String> schemas) {
    Map<String, Long> r = new TreeMap<>();
    tables.forEach(t -> {
      if (rows.containsKey(t)) {
        r.put(t, rows.get(t));
      }
    });
    Map<String, Long> s = new TreeMap<>();
    sequenceNames.forEach(q -> {
      if (sequences.containsKey(q)) {
        s.put(q, sequences.get(q));
      }
    });
    Map<String, Map<String, Long>> o = new TreeMap<>();
    schemas.forEach(n -> {
      if (objects.containsKey(n)) {
        o.put(n, objects.get(n));
      }
    });
    return new Census(r, s, o);
  }

  /** The same census with other sequence values (those a dump holds). */
  Census withSequences(Map<String, Long> values) {
    return new Census(rows, new TreeMap<>(values), objects);
  }

  long totalRows() {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }

  long totalObjects() {
    return objects.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
  }

  /**
   * What a copy can be checked for, given the snapshot's options: rows and sequences unless it was schema-only;
   * whole schemas (object counts, and nothing extra in the copy) unless it dumped only some tables.
   */
  record Scope(boolean data, boolean wholeSchemas) {}

  /** Every way {@code copy} differs from this census (the source) within the scope; empty for a faithful copy. */
  List<String> differences(Census copy, Scope scope) {
    List<String> found = new ArrayList<>();
    if (scope.data()) {
      compare("table", "rows", rows, copy.rows, scope.wholeSchemas(), found);
      compare("sequence", "value", sequences, copy.sequences, scope.wholeSchemas(), found);
    }
    if (scope.wholeSchemas()) {
      for (String schema : union(objects.keySet(), copy.objects.keySet())) {
        Map<String, Long> a = objects.getOrDefault(schema, Map.of());
        Map<String, Long> b = copy.objects.getOrDefault(schema, Map.of());
        for (String kind : union(a.keySet(), b.keySet())) {
          long expected = a.getOrDefault(kind, 0L);
          long actual = b.getOrDefault(kind, 0L);
          if (expected != actual) {
            found.add("schema " + schema + ": " + kind + " " + actual + " in the copy, " + expected + " in the source");
          }
        }
      }
    }
    return found;
  }

  private static void compare(String what, String measure, Map<String, Long> source, Map<String, Long> copy,
      boolean extrasCount, List<String> found) {
    for (String name : extrasCount ? union(source.keySet(), copy.keySet()) : source.keySet()) {
      if (!source.containsKey(name)) {
        found.add(what + " " + name + " is in the copy but not in the source");
      } else if (!copy.containsKey(name)) {
        found.add(what + " " + name + " is missing from the copy");
      } else if (!Objects.equals(source.get(name), copy.get(name))) {
        found.add(what + " " + name + ": " + measure + " " + copy.get(name) + " in the copy, " + source.get(name) + " in the source");
      }
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
