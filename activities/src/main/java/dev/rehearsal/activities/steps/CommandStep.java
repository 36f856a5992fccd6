package dev.rehearsal.activities.steps;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.plan.CommandSpec;
import dev.rehearsal.plan.Expectations;
import dev.rehearsal.workflows.steps.CommandStepInput;
import dev.rehearsal.workflows.steps.EvidenceRef;
import dev.rehearsal.workflows.steps.StepFailureType;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.activities.process.BoundedCapture;
import dev.rehearsal.activities.process.ChildProcess;
import dev.rehearsal.activities.process.StepIsolation;
import dev.rehearsal.activities.process.StepSandbox;
import io.temporal.activity.ActivityExecutionContext;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@code command} step: one process, isolated from the worker where the worker can do that, its output
 * captured as evidence, everything it started killed on timeout or cancel.
 */
final class CommandStep {
  private static final Logger log = LoggerFactory.getLogger(CommandStep.class);
  private final EvidenceStore evidence;
  private final UnaryOperator<String> environment;
  private final StepIsolation isolation;

  CommandStep(EvidenceStore evidence, UnaryOperator<String> environment, StepIsolation isolation) {
    this.evidence = evidence;
    this.environment = environment;
    this.isolation = isolation;
  }

  StepResult run(ActivityExecutionContext context, CommandStepInput input, SecretScope secrets) {
    int attempt = context.getInfo().getAttempt();
    String runId = context.getInfo().getWorkflowId();
    CommandSpec spec = input.command();
    WriteGuard.check(input.writes(), input.guardPatterns(), secrets, attempt);
    ProcessBuilder builder = processBuilder(spec, secrets, attempt);
    log.info("step {} attempt {}: running {}", input.step(), attempt, spec.run());

    String prefix = input.step() + ".a" + attempt;
    List<EvidenceRef> refs = new ArrayList<>();
    isolation.limitation().ifPresent(why -> refs.add(evidence.put(runId, prefix + ".not-isolated.txt",
        notIsolated(why).getBytes(StandardCharsets.UTF_8), false)));
    long started = System.nanoTime();
    Integer exit;
    ChildProcess process;
    try (StepSandbox sandbox = isolation.prepare(builder, environment)) {
      spec.env().forEach((k, v) -> builder.environment().put(k, secrets.resolve(v)));
      process = ChildProcess.start(builder, spec.maxOutputBytesOrDefault() + secrets.longestSecretBytes());
      exit = process.await(context, Duration.ofMillis(input.timeoutMillis()), () -> null).orElse(null);
    } catch (IOException e) {
      throw StepFailure.of(StepFailureType.INVALID_STEP, "cannot start " + spec.run().get(0) + ": " + e.getMessage(), attempt, refs);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Duration timeout = Duration.ofMillis(input.timeoutMillis());

    int limit = spec.maxOutputBytesOrDefault();
    String out = store(runId, prefix + ".stdout.log", process.stdout(), limit, secrets, refs);
    String err = store(runId, prefix + ".stderr.log", process.stderr(), limit, secrets, refs);
    String caveat = isolation.limitation().map(why -> " [not isolated: " + why + "]").orElse("");

    if (exit == null) {
      throw StepFailure.of(StepFailureType.COMMAND_TIMED_OUT, "killed after the " + timeout.toSeconds() + "s timeout" + lastLine(err, out) + caveat, attempt, refs);
    }
    if (!spec.expect().exit().contains(exit)) {
      throw StepFailure.of(StepFailureType.COMMAND_FAILED, "exit code " + exit + ", expected " + spec.expect().exit() + lastLine(err, out) + caveat, attempt, refs);
    }
    String output = out + "\n" + err;
    String must = spec.expect().outputMatches();
    if (must != null && !Pattern.compile(must, Pattern.MULTILINE).matcher(output).find()) {
      throw StepFailure.of(StepFailureType.ASSERTION_FAILED, "output does not match /" + must + "/", attempt, refs);
    }
    String mustNot = spec.expect().outputNotMatches();
    if (mustNot != null && Pattern.compile(mustNot, Pattern.MULTILINE).matcher(output).find()) {
      throw StepFailure.of(StepFailureType.ASSERTION_FAILED, "output matches forbidden /" + mustNot + "/", attempt, refs);
    }
    List<String> problems = Expectations.onJsonText(spec.expect().json(), out, "stdout");
    if (!problems.isEmpty()) {
      throw StepFailure.of(StepFailureType.ASSERTION_FAILED, "exit " + exit + ": " + String.join("; ", problems), attempt, refs);
    }
    return new StepResult("exit " + exit + " in " + seconds(took) + lastLine(out, err) + caveat, refs, attempt);
  }

  private ProcessBuilder processBuilder(CommandSpec spec, SecretScope secrets, int attempt) {
    List<String> argv = new ArrayList<>();
    if (spec.shell()) {
      argv.addAll(List.of("sh", "-c", secrets.resolve(String.join(" ", spec.run()))));
    } else {
      spec.run().forEach(arg -> argv.add(secrets.resolve(arg)));
    }
    ProcessBuilder builder = new ProcessBuilder(argv);
    if (spec.workdir() != null) {
      File dir = new File(secrets.resolve(spec.workdir()));
      if (!dir.isDirectory()) {
        throw StepFailure.of(StepFailureType.INVALID_STEP, "working directory " + spec.workdir() + " does not exist", attempt);
      }
      builder.directory(dir);
    }
    return builder;
  }

  /** Masks before cutting to the limit: the capture keeps a secret's length more, so one straddling it is masked whole. */
  private String store(String runId, String name, BoundedCapture capture, int limit, SecretScope secrets, List<EvidenceRef> refs) {
    SecretScope.Output output = secrets.maskThenCut(capture.bytes(), capture.truncated(), limit);
    if (capture.total() > 0) {
      refs.add(evidence.put(runId, name, output.text().getBytes(StandardCharsets.UTF_8), output.cut()));
    }
    return output.text();
  }

  private static String notIsolated(String why) {
    return "This step ran WITHOUT isolation: " + why + ".\n"
        + "It ran as the worker's own OS user and could read the worker's environment, configuration files and data\n"
        + "directory (tokens, other runs' evidence, the archive). See docs/architecture.md, \"Command steps\".\n";
  }

  private static String lastLine(String first, String second) {
    String text = !first.isBlank() ? first : second;
    String[] lines = text.strip().split("\n");
    String last = lines[lines.length - 1].strip();
    if (last.isEmpty()) {
      return "";
    }
    return ": " + (last.length() > 200 ? last.substring(0, 200) + "…" : last);
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }
}
