package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** A {@code command} step: argv (or one shell string), environment, output bound, expectations, targets it writes. */
final class CommandStepRules extends StepRules {
  private static final Set<String> KEYS = RecordKeys.of(CommandSpec.class);
  private static final Set<String> EXPECT_KEYS = RecordKeys.of(CommandSpec.Expect.class);
  private static final int MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

  CommandStepRules(JsonChecks checks, PlanCrossChecks cross) {
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
    }
    checkWrites(spec.get("writes"), path + ".writes");
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
