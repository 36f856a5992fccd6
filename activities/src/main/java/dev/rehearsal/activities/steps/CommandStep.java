package dev.rehearsal.activities.steps;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.gates.GateJudge;
import dev.rehearsal.activities.gates.ReportGates;
import dev.rehearsal.activities.load.BaselineStore;
import dev.rehearsal.activities.outputs.FileOutput;
import dev.rehearsal.activities.outputs.TakenOutputs;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.plan.CommandSpec;
import dev.rehearsal.plan.Expectations;
import dev.rehearsal.workflows.rehearsal.GateState;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private final ArtifactKeeper keeper;
  private final BaselineStore baselines;

  private final WorkerOwnFiles workerOwn;

  CommandStep(EvidenceStore evidence, UnaryOperator<String> environment, StepIsolation isolation, WorkerOwnFiles workerOwn) {
    this.evidence = evidence;
    this.workerOwn = workerOwn;
    this.environment = environment;
    this.isolation = isolation;
    this.keeper = new ArtifactKeeper(evidence);
    this.baselines = new BaselineStore(evidence.dataDir());
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
    ArtifactKeeper.Kept kept = null;
    TakenOutputs outputs = null;
    String forbidden = null;
    try (StepSandbox sandbox = isolation.prepare(builder, environment)) {
      spec.env().forEach((k, v) -> builder.environment().put(k, secrets.resolve(v)));
      process = ChildProcess.start(builder, spec.maxOutputBytesOrDefault() + secrets.longestSecretBytes());
      exit = process.await(context, Duration.ofMillis(input.timeoutMillis()), () -> null).orElse(null);
      if (exit != null) {
        // Its processes are gone and its scratch directory (the default working directory) is still there: keep
        // what it wrote, even if it failed, and take its outputs.
        Path workdir = (builder.directory() != null ? builder.directory() : new File("").getAbsoluteFile()).toPath();
        WorkdirFiles files = new WorkdirFiles(workdir, isolation.access(), workerOwn);
        kept = keeper.keep(runId, prefix, files, spec, input.gatesOrNone().values(), secrets);
        refs.addAll(kept.refs());
        try {
          outputs = new TakenOutputs(input.outputs(), secrets)
              .fromCommand(process.stdout().bytes(), file -> FileOutput.read(files, file));
        } catch (WorkdirFiles.Forbidden e) {
          forbidden = e.getMessage();
        }
      }
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
    if (kept.failure() != null) {
      throw StepFailure.of(kept.failure(), kept.why(), attempt, refs);
    }
    if (forbidden != null) {
      throw StepFailure.of(StepFailureType.GUARD_REFUSED, "file output: " + forbidden, attempt, refs);
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
    if (!outputs.problems().isEmpty()) {
      throw StepFailure.of(StepFailureType.ASSERTION_FAILED, String.join("; ", outputs.problems()), attempt, refs);
    }
    List<GateState> gates = gates(input, kept, out, secrets);
    return new StepResult(secrets.mask("exit " + exit + " in " + seconds(took) + lastLine(out, err) + caveat + GateJudge.describe(gates)),
        refs, attempt, gates, outputs.handOn());
  }

  /** The verdicts of the step's gates on its reports and stdout; notes masked, as they quote what the tool wrote. */
  private List<GateState> gates(CommandStepInput input, ArtifactKeeper.Kept kept, String stdout, SecretScope secrets) {
    if (input.gatesOrNone().isEmpty()) {
      return List.of();
    }
    boolean compared = input.gatesOrNone().values().stream().anyMatch(g -> g.baseline() != null);
    Map<String, Double> baseline = compared ? baselines.find(input.plan(), input.environment()).figures() : Map.of();
    return ReportGates.evaluate(input.step(), input.gatesOrNone(), kept.reports()::get, stdout, baseline).stream()
        .map(g -> g.note() == null ? g : new GateState(g.name(), g.verdict(), g.value(), g.thresholds(), g.baseline(), secrets.mask(g.note())))
        .toList();
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
      if (workerOwn.holds(dir.toPath())) {
        throw StepFailure.of(StepFailureType.GUARD_REFUSED, "working directory " + spec.workdir()
            + " is the worker's own data or configuration: no step runs there and nothing is read there for a step", attempt);
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
