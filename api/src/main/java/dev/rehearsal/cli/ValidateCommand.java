package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.plan.PlanProblem;
import java.util.List;
import java.util.Set;

/**
 * {@code validate PLAN.yaml [--param k=v ...]}: offline, the API's own validator; a pre-commit hook or a CI lint step.
 * Problems print as {@code file:line: path: message}, as compilers do, so editors and CI logs link to the line.
 */
final class ValidateCommand {
  static final String USAGE = "validate PLAN.yaml [--param KEY=VALUE ...]";

  private ValidateCommand() {}

  static ExitCode run(List<String> argv, Terminal io) {
    CliArgs args = CliArgs.parse(argv, Set.of("--param"), Set.of());
    String file = args.positionals("PLAN.yaml").get(0);
    String text = PlanFile.text(file);
    JsonNode tree = PlanFile.parse(file, text, io.out());
    List<PlanProblem> problems = PlanFile.problems(tree, args.pairs("--param"));
    PlanLines.of(text).print(file, problems, io.out());
    if (!problems.isEmpty()) {
      throw new CliFailure(ExitCode.INVALID_PLAN, file + ": " + problems.size() + " problem(s)");
    }
    io.out().println(file + ": valid");
    return ExitCode.READY;
  }
}
