package dev.rehearsal.cli;

import java.util.regex.Pattern;

/** A run id as typed: checked before it becomes part of a URL path. */
final class RunIds {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  private RunIds() {}

  static String checked(String id) {
    if (!ID.matcher(id).matches()) {
      throw new CliFailure(ExitCode.USAGE, "not a run id: " + id);
    }
    return id;
  }
}
