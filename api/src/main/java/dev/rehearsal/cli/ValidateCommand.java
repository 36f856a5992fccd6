package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.plan.PlanProblem;
import java.util.List;
import java.util.Set;

/** {@code validate PLAN.yaml [--param k=v ...]}: offline, the API's own validator; a pre-commit hook or a CI lint step. */
final class ValidateCommand {
  static final String USAGE = "validate PLAN.yaml [--param KEY=VALUE ...]";

  private ValidateCommand() {}

  static ExitCode run(List<String> argv, Terminal io) {
    CliArgs args = CliArgs.parse(argv, Set.of("--param"), Set.of());
    String file = args.positionals("PLAN.yaml").get(0);
    JsonNode tree = PlanFile.read(file, io.out());
    List<PlanProblem> problems = PlanFile.problems(tree, args.pairs("--param"));
    PlanFile.print(file, problems, io.out());
    if (!problems.isEmpty()) {
      throw new CliFailure(ExitCode.INVALID_PLAN, file + ": " + problems.size() + " problem(s)");
    }
    io.out().println(file + ": valid");
    return ExitCode.READY;
  }
}
