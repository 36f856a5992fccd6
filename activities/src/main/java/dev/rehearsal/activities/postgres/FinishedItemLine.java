package dev.rehearsal.activities.postgres;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The leader's {@code finished item <dump id> TABLE DATA <name>} line of a parallel {@code pg_dump} or
 * {@code pg_restore --verbose}. Leader and workers write to one stderr, the program's {@code "pg_dump:"} prefix in a
 * separate write from its message, so a worker's prefix can land between the two: the line then reads
 * {@code "pg_dump: pg_dump: finished item …"} (or {@code "pg_dump:pg_dump:  finished item …"}), and the next one
 * {@code "finished item …"} with no prefix at all. Only prefixes and spaces may come before the message: a table
 * whose name holds the words can never make another line read as one.
 */
final class FinishedItemLine {
  private final Pattern pattern;

  /** @param program {@code pg_dump} or {@code pg_restore}, as it prefixes its lines */
  FinishedItemLine(String program) {
    pattern = Pattern.compile("^(?:" + Pattern.quote(program + ":") + "| )*finished item (\\d+) TABLE DATA .*$");
  }

  /** The item's dump id, when {@code line} is one. */
  OptionalInt dumpId(String line) {
    Matcher finished = pattern.matcher(line);
    return finished.matches() ? OptionalInt.of(Integer.parseInt(finished.group(1))) : OptionalInt.empty();
  }
}
