package dev.rehearsal.activities.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dump's table of contents as {@code pg_restore --list} prints it: which tables' data and which sequence values it
 * holds, in which schemas, and how many entries of each type; and each table's data entry by its dump id (how a
 * parallel {@code pg_restore} names the items it finished).
 */
record TableOfContents(Set<String> tableData, Set<String> sequenceValues, Set<String> schemas, Map<String, Integer> entries,
    Map<Integer, String> tableDataById) {
  private static final Pattern ENTRY = Pattern.compile("^(\\d+); \\d+ \\d+ (.+)$");
  /** Entry types of more than one word; longest first so "MATERIALIZED VIEW DATA" wins over "MATERIALIZED VIEW". */
  private static final List<String> MULTI_WORD = List.of("MATERIALIZED VIEW DATA", "MATERIALIZED VIEW", "SEQUENCE OWNED BY",
      "TABLE DATA", "SEQUENCE SET", "FK CONSTRAINT", "DEFAULT ACL", "INDEX ATTACH", "TABLE ATTACH", "LARGE OBJECT",
      "EVENT TRIGGER", "ROW SECURITY", "PUBLICATION TABLE", "TEXT SEARCH CONFIGURATION", "TEXT SEARCH DICTIONARY",
      "FOREIGN TABLE", "FOREIGN DATA WRAPPER", "USER MAPPING", "OPERATOR CLASS", "OPERATOR FAMILY", "SHELL TYPE");

  static TableOfContents parse(String listing) {
    Set<String> tableData = new TreeSet<>();
    Set<String> sequenceValues = new TreeSet<>();
    Set<String> schemas = new TreeSet<>();
    Map<String, Integer> entries = new TreeMap<>();
    Map<Integer, String> tableDataById = new TreeMap<>();
    for (String line : listing.lines().toList()) {
      Matcher m = ENTRY.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      String rest = m.group(2);
      String type = MULTI_WORD.stream().filter(t -> rest.startsWith(t + " ")).findFirst().orElse(rest.split(" ", 2)[0]);
      entries.merge(type, 1, Integer::sum);
      // After the type: schema (or '-'), name, owner. Names are printed unquoted, so the owner is the last word.
      String[] words = rest.substring(type.length()).strip().split(" ");
      if (words.length < 3) {
        continue;
      }
      String schema = words[0];
      String name = String.join(" ", java.util.Arrays.copyOfRange(words, 1, words.length - 1));
      if (!schema.equals("-") && !schema.equals("pg_catalog")) {
        schemas.add(schema);
      }
      if (type.equals("TABLE DATA")) {
        tableData.add(schema + "." + name);
        tableDataById.put(Integer.parseInt(m.group(1)), schema + "." + name);
      } else if (type.equals("SEQUENCE SET")) {
        sequenceValues.add(schema + "." + name);
      }
    }
    return new TableOfContents(tableData, sequenceValues, schemas, entries, tableDataById);
  }
}
