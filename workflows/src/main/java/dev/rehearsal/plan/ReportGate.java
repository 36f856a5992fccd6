package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gate on a figure a command's tool wrote: a number at a JSON Pointer in a JSON {@code report} (a file under the
 * working directory) or in stdout ({@code stdout: true}), or a {@code figure} summed over the testsuites of a
 * {@code junit} XML report. Judged like a load gate ({@code pass}, {@code warn}, {@code baseline}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportGate(
    String report,
    Boolean stdout,
    String junit,
    String pointer,
    JunitFigure figure,
    Bound pass,
    Bound warn,
    LoadSpec.BaselineSpec baseline) {

  /** The counts a JUnit XML {@code testsuite} carries. */
  public enum JunitFigure {
    tests,
    failures,
    errors,
    skipped
  }

  /** Whether the figure comes from stdout rather than a file. */
  public boolean fromStdout() {
    return Boolean.TRUE.equals(stdout);
  }

  /** The file the figure is read from, relative to the working directory; null for stdout. */
  public String file() {
    return junit != null ? junit : report;
  }

  /**
   * A bound as written: a number is an upper bound (as in load gates); {@code ">= 65"} is a lower bound and {@code
   * "<= 1200"} an upper one. Kept as written, so the plan reads back as its author wrote it.
   */
  public record Bound(@JsonValue JsonNode written) {
    public static final Pattern FORM = Pattern.compile("\\s*(<=|>=)?\\s*(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Bound {}

    /** True when values at least the limit pass (a lower bound). */
    public boolean atLeast() {
      return written.isTextual() && ">=".equals(form().group(1));
    }

    public double limit() {
      return written.isNumber() ? written.asDouble() : Double.parseDouble(form().group(2));
    }

    private Matcher form() {
      Matcher m = FORM.matcher(written.asText());
      if (!m.matches()) {
        throw new IllegalStateException("not a bound: " + written);
      }
      return m;
    }
  }
}
