package dev.rehearsal.activities.steps;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.plan.CommandSpec;
import dev.rehearsal.workflows.steps.CommandStepInput;
import dev.rehearsal.workflows.steps.EvidenceRef;
import dev.rehearsal.workflows.steps.StepFailures;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.activities.process.BoundedCapture;
import dev.rehearsal.activities.process.ChildProcess;
import io.temporal.activity.ActivityExecutionContext;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a {@code command} step: one process, its output captured as evidence, its whole tree killed on timeout or cancel. */
final class CommandStep {
  private static final Logger log = LoggerFactory.getLogger(CommandStep.class);
  private final EvidenceStore evidence;
  private final java.util.function.UnaryOperator<String> environment;

  CommandStep(EvidenceStore evidence, java.util.function.UnaryOperator<String> environment) {
    this.evidence = evidence;
    this.environment = environment;
  }

  StepResult run(ActivityExecutionContext context, CommandStepInput input, SecretScope secrets) {
    int attempt = context.getInfo().getAttempt();
    String runId = context.getInfo().getWorkflowId();
    CommandSpec spec = input.command();
    WriteGuard.check(input.writes(), input.guardPatterns(), secrets, attempt);
    ProcessBuilder builder = processBuilder(spec, secrets, attempt);
    log.info("step {} attempt {}: running {}", input.step(), attempt, spec.run());

    long started = System.nanoTime();
    ChildProcess process;
    try {
      process = ChildProcess.start(builder, spec.maxOutputBytesOrDefault() + secrets.longestSecretBytes());
    } catch (IOException e) {
      throw StepFailure.of(StepFailures.INVALID_STEP, "cannot start " + spec.run().get(0) + ": " + e.getMessage(), attempt);
    }
    Duration timeout = Duration.ofMillis(input.timeoutMillis());
    Integer exit = process.await(context, timeout, () -> null).orElse(null);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    String prefix = input.step() + ".a" + attempt;
    List<EvidenceRef> refs = new ArrayList<>();
    int limit = spec.maxOutputBytesOrDefault();
    String out = store(runId, prefix + ".stdout.log", process.stdout(), limit, secrets, refs);
    String err = store(runId, prefix + ".stderr.log", process.stderr(), limit, secrets, refs);

    if (exit == null) {
      throw StepFailure.of(StepFailures.COMMAND_TIMED_OUT, "killed after the " + timeout.toSeconds() + "s timeout" + lastLine(err, out), attempt, refs);
    }
    if (!spec.expect().exit().contains(exit)) {
      throw StepFailure.of(StepFailures.COMMAND_FAILED, "exit code " + exit + ", expected " + spec.expect().exit() + lastLine(err, out), attempt, refs);
    }
    String output = out + "\n" + err;
    String must = spec.expect().outputMatches();
    if (must != null && !Pattern.compile(must, Pattern.MULTILINE).matcher(output).find()) {
      throw StepFailure.of(StepFailures.ASSERTION_FAILED, "output does not match /" + must + "/", attempt, refs);
    }
    String mustNot = spec.expect().outputNotMatches();
    if (mustNot != null && Pattern.compile(mustNot, Pattern.MULTILINE).matcher(output).find()) {
      throw StepFailure.of(StepFailures.ASSERTION_FAILED, "output matches forbidden /" + mustNot + "/", attempt, refs);
    }
    return new StepResult("exit " + exit + " in " + seconds(took) + lastLine(out, err), refs, attempt);
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
        throw StepFailure.of(StepFailures.INVALID_STEP, "working directory " + spec.workdir() + " does not exist", attempt);
      }
      builder.directory(dir);
    }
    ChildProcess.withMinimalEnvironment(builder, environment);
    spec.env().forEach((k, v) -> builder.environment().put(k, secrets.resolve(v)));
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
