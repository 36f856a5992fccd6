package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.workflows.steps.CommandStepInput;
import dev.rehearsal.workflows.steps.StepActivities;
import dev.rehearsal.workflows.steps.StepGates;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.workflows.steps.StepRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A process to run. {@code run} is an argv list executed without a shell unless {@code shell} is true, in which
 * case it may be one string handed to {@code sh -c}. {@code writes} names the targets the command changes, so the
 * production guard can refuse it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommandSpec(
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> run,
    boolean shell,
    String workdir,
    Map<String, String> env,
    String timeout,
    Expect expect,
    List<String> writes,
    Integer maxOutputBytes,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Artifact> artifacts,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long maxArtifactBytes) implements StepBody {

  public static final String DEFAULT_TIMEOUT = "10m";
  public static final int DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
  /** All of a step's artifacts together, and every report its gates read, at most this many bytes by default. */
  public static final long DEFAULT_MAX_ARTIFACT_BYTES = 256L * 1024 * 1024;

  public CommandSpec {
    run = run == null ? List.of() : List.copyOf(run);
    env = env == null ? Map.of() : Map.copyOf(env);
    expect = expect == null ? Expect.SUCCESS : expect;
    writes = writes == null ? List.of() : List.copyOf(writes);
    artifacts = artifacts == null ? null : List.copyOf(artifacts);
  }

  /** The artifacts to keep; absent stays null so plans without them read back as written. */
  public List<Artifact> artifactsOrNone() {
    return artifacts == null ? List.of() : artifacts;
  }

  public long maxArtifactBytesOrDefault() {
    return maxArtifactBytes == null ? DEFAULT_MAX_ARTIFACT_BYTES : maxArtifactBytes;
  }

  public int maxOutputBytesOrDefault() {
    return maxOutputBytes == null ? DEFAULT_MAX_OUTPUT_BYTES : maxOutputBytes;
  }

  /**
   * What counts as success: exit codes, regular expressions the combined output must (not) match, and JSON Pointer
   * checks on stdout parsed as JSON.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Expect(
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Integer> exit,
      String outputMatches,
      String outputNotMatches,
      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, JsonNode> json) {
    public static final Expect SUCCESS = new Expect(List.of(0), null, null);

    public Expect(List<Integer> exit, String outputMatches, String outputNotMatches) {
      this(exit, outputMatches, outputNotMatches, null);
    }

    public Expect {
      exit = exit == null || exit.isEmpty() ? List.of(0) : List.copyOf(exit);
    }
  }

  @Override
  public StepResult execute(StepRun step) {
    Map<String, TargetSpec> written = new LinkedHashMap<>();
    writes.forEach(name -> written.put(name, step.target(name)));
    StepResult result = step.activities(StepActivities.class).runCommand(new CommandStepInput(step.name(), this,
        step.timeoutMillis(), written, step.guard(), step.spec().gates(), step.plan().name(), step.plan().environment(),
        step.outputRequest(), step.spec().until()));
    return StepGates.join(step, result, result.gates());
  }

  /** A {@code command} step: argv (or one shell string), environment, output bound, expectations, targets it writes. */
  static final class Rules extends StepRules {
    private static final Set<String> KEYS = RecordKeys.of(CommandSpec.class);
    private static final Set<String> EXPECT_KEYS = RecordKeys.of(CommandSpec.Expect.class);
    private static final int MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

    Rules(JsonChecks checks, PlanCrossChecks cross) {
      super(checks, cross);
    }

    @Override
    void check(JsonNode spec, String path, StepSite site) {
      if (!checks.requireObject(spec, path)) {
        return;
      }
      checks.unknownKeys(spec, path, KEYS);
      checks.checkBoolean(spec.get("shell"), path + ".shell");
      checkRun(spec.get("run"), path + ".run", spec.path("shell").asBoolean(false));
      JsonNode workdir = spec.get("workdir");
      if (workdir != null && !workdir.isTextual()) {
        checks.problem(path + ".workdir", "must be a path");
      }
      checks.checkStringMap(spec.get("env"), path + ".env");
      checks.checkDuration(spec.get("timeout"), path + ".timeout");
      checks.checkWholeNumber(spec.get("maxOutputBytes"), path + ".maxOutputBytes", 1, MAX_OUTPUT_BYTES);
      JsonNode expect = spec.get("expect");
      if (expect != null && checks.requireObject(expect, path + ".expect")) {
        checks.unknownKeys(expect, path + ".expect", EXPECT_KEYS);
        checks.checkIntegers(expect.get("exit"), path + ".expect.exit", 0, 255);
        checks.checkRegex(expect.get("outputMatches"), path + ".expect.outputMatches");
        checks.checkRegex(expect.get("outputNotMatches"), path + ".expect.outputNotMatches");
        new ExpectationRules(checks).checkPointers(expect.get("json"), path + ".expect.json");
      }
      checkWrites(spec.get("writes"), path + ".writes");
      new ArtifactRules(checks).check(spec, path);
    }

    private void checkRun(JsonNode run, String path, boolean shell) {
      if (run == null || run.isNull()) {
        checks.problem(path, "is required: the program and its arguments, as a list");
      } else if (run.isTextual() && !shell) {
        checks.problem(path, "must be a list of arguments (no shell is used unless 'shell: true')");
      } else if (run.isArray()) {
        if (run.isEmpty()) {
          checks.problem(path, "must name a program");
        }
        for (int i = 0; i < run.size(); i++) {
          if (!run.get(i).isValueNode() || run.get(i).isNull()) {
            checks.problem(path + "[" + i + "]", "must be a string");
          }
        }
      } else if (!run.isTextual()) {
        checks.problem(path, "must be a list of arguments");
      }
    }

    /** Every target a command declares it writes to must exist and pass the production guard. */
    private void checkWrites(JsonNode writes, String path) {
      if (writes == null) {
        return;
      }
      if (!writes.isArray()) {
        checks.problem(path, "must be a list of target names");
        return;
      }
      for (int i = 0; i < writes.size(); i++) {
        String p = path + "[" + i + "]";
        String name = writes.get(i).asText();
        if (cross.checkTargetExists(name, p)) {
          cross.checkWritable(name, p);
        }
      }
    }
  }
}
