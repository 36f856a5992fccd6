package dev.rehearsal.cli;

import java.util.regex.Pattern;

/** A run id (or a step name) as typed: checked before it becomes part of a URL path. */
final class RunIds {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  private RunIds() {}

  static String checked(String id) {
    if (!ID.matcher(id).matches()) {
      throw new CliFailure(ExitCode.USAGE, "not a run id: " + id);
    }
    return id;
  }

  /** Step names are plainer than run ids (a plan refuses anything else), so the same characters do. */
  static String checkedStep(String step) {
    if (!ID.matcher(step).matches()) {
      throw new CliFailure(ExitCode.USAGE, "not a step name: " + step);
    }
    return step;
  }
}
