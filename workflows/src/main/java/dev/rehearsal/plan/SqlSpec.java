package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code sql} step: one query on a PostgreSQL target, read-only unless {@code write: true}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SqlSpec(String target, String query, boolean write, String timeout, Expect expect) {

  public static final String DEFAULT_TIMEOUT = "5m";

  public SqlSpec {
    expect = expect == null ? Expect.ANY : expect;
  }

  /**
   * What the result must look like: a row count comparison ({@code ">0"}, {@code "==0"}), the single value it must
   * equal, or no rows at all.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Expect(String rows, JsonNode value, Boolean empty) {
    public static final Expect ANY = new Expect(null, null, null);
    private static final Pattern COMPARISON = Pattern.compile("\\s*(==|!=|>=|<=|>|<|=)\\s*(\\d{1,18})\\s*");

    public Expect {
      // A JSON null arrives as a NullNode; it means no value was given (test for NULL with "... is null").
      value = value == null || value.isNull() ? null : value;
    }

    /** Whether {@code count} satisfies the {@code rows} comparison; true when there is none. */
    public boolean rowsMatch(long count) {
      if (rows == null) {
        return true;
      }
      Matcher m = COMPARISON.matcher(rows);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a row count comparison: " + rows);
      }
      long n = Long.parseLong(m.group(2));
      return switch (m.group(1)) {
        case "==", "=" -> count == n;
        case "!=" -> count != n;
        case ">=" -> count >= n;
        case "<=" -> count <= n;
        case ">" -> count > n;
        default -> count < n;
      };
    }

    public static boolean isComparison(String text) {
      return COMPARISON.matcher(text).matches();
    }
  }
}
