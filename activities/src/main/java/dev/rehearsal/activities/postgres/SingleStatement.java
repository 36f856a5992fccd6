package dev.rehearsal.activities.postgres;

/**
 * Whether SQL text is one statement. A read step must be: the driver splits "commit; delete ..." into statements, and
 * the second would run outside the read-only transaction. Semicolons inside literals, quoted names, dollar quotes and
 * comments do not count; a trailing one does not either.
 */
final class SingleStatement {
  private SingleStatement() {}

  static boolean check(String sql) {
    int n = sql.length();
    boolean ended = false;
    for (int i = 0; i < n; i++) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        i = closing(sql, i, String.valueOf(c));
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 1;
      } else if (c == '$') {
        int tagEnd = sql.indexOf('$', i + 1);
        String tag = tagEnd < 0 ? null : sql.substring(i, tagEnd + 1);
        if (tag != null && tag.matches("\\$[A-Za-z_]?[A-Za-z0-9_]*\\$")) {
          int end = sql.indexOf(tag, tagEnd + 1);
          i = end < 0 ? n : end + tag.length() - 1;
        }
      } else if (c == ';') {
        ended = true;
      } else if (ended && !Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  /** Index of the quote closing the one at {@code start}; a doubled quote is an escaped one. */
  private static int closing(String sql, int start, String quote) {
    int i = start + 1;
    while (i < sql.length()) {
      int q = sql.indexOf(quote, i);
      if (q < 0) {
        return sql.length();
      }
      if (q + 1 < sql.length() && sql.startsWith(quote, q + 1)) {
        i = q + 2;
      } else {
        return q;
      }
    }
    return sql.length();
  }
}
