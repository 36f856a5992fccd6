package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.plan.InvalidPlanException;
import dev.rehearsal.plan.PlanParser;
import dev.rehearsal.plan.PlanProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A plan file read and checked by the same parser and validator as the API. */
final class PlanFile {
  private PlanFile() {}

  /** The plan's tree; a file that cannot be read is a usage error, one that does not parse an invalid plan. */
  static JsonNode read(String file, PrintStream err) {
    return parse(file, text(file), err);
  }

  /** The file's text; a file that cannot be read is a usage error, and so is a FIFO or a device (it may never end). */
  static String text(String file) {
    Path path = Path.of(file);
    if (Files.exists(path) && !Files.isRegularFile(path)) {
      throw new CliFailure(ExitCode.USAGE, file + ": not a regular file");
    }
    try {
      return Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new CliFailure(ExitCode.USAGE, file + ": no such file");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new CliFailure(ExitCode.USAGE, file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The plan's tree from {@code file}'s text; text that does not parse is an invalid plan, its problem printed. */
  static JsonNode parse(String file, String text, PrintStream err) {
    try {
      return PlanParser.readTree(text);
    } catch (InvalidPlanException e) {
      print(file, e.problems(), err);
      throw new CliFailure(ExitCode.INVALID_PLAN, file + ": not a valid plan");
    }
  }

  /** Every problem of the plan; with parameters, also references to parameters not given and what binding them finds. */
  static List<PlanProblem> problems(JsonNode tree, Map<String, String> parameters) {
    if (parameters.isEmpty()) {
      return PlanParser.problems(tree);
    }
    try {
      PlanParser.bind(tree, parameters);
      return List.of();
    } catch (InvalidPlanException e) {
      return e.problems();
    }
  }

  static void print(String file, List<PlanProblem> problems, PrintStream out) {
    problems.forEach(p -> out.println(file + ": " + (p.path().isEmpty() ? "" : p.path() + ": ") + p.message()));
  }
}
