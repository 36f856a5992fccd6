package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The plan's {@code phases}: their names, each step's name and kind (checked by that kind's rules), the sign-off. */
final class PhaseRules {
  /** Step names become evidence file names, hence the length limit and no "..". */
  private static final Pattern STEP_NAME = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  /** A step's keys besides its kind's: its options, and a description for people. */
  private static final Set<String> STEP_KEYS =
      Stream.concat(StepSpecJson.optionKeys().stream(), Stream.of("description")).collect(Collectors.toUnmodifiableSet());
  private static final Set<String> SIGNOFF_KEYS = RecordKeys.of(SignoffSpec.class);

  private final JsonChecks checks;
  private final PlanCrossChecks cross;
  private final RetryRules retry;
  private final OutputRules outputs;
  private final UntilSpec.Rules until;
  /** Each kind's rules, made once per validation from the {@link StepKind} registry. */
  private final Map<StepKind, StepRules> kindRules = new EnumMap<>(StepKind.class);

  PhaseRules(JsonChecks checks, PlanCrossChecks cross, RetryRules retry) {
    this.checks = checks;
    this.cross = cross;
    this.retry = retry;
    this.outputs = new OutputRules(checks);
    this.until = new UntilSpec.Rules(checks);
    for (StepKind kind : StepKind.values()) {
      kindRules.put(kind, kind.rules(checks, cross));
    }
  }

  void check(JsonNode phases) {
    if (phases == null) {
      checks.problem("phases", "is required, and must contain at least 'signoff'");
      return;
    }
    if (!checks.requireObject(phases, "phases")) {
      return;
    }
    for (Iterator<String> it = phases.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (Phase.fromKey(key).isEmpty()) {
        checks.problem("phases." + key, "unknown phase; phases are " + Phase.keys());
      }
    }
    for (Phase phase : Phase.values()) {
      JsonNode node = phases.get(phase.key());
      String path = "phases." + phase.key();
      if (phase == Phase.SIGNOFF) {
        checkSignoff(node, path);
      } else if (node != null && !node.isNull()) {
        if (!node.isArray()) {
          checks.problem(path, "must be a list of steps");
          continue;
        }
        for (int i = 0; i < node.size(); i++) {
          checkStep(node.get(i), path + "[" + i + "]", phase, phases);
        }
      }
    }
    outputs.checkReferences(phases);
  }

  private void checkSignoff(JsonNode signoff, String path) {
    if (signoff == null || signoff.isNull()) {
      checks.problem(path, "is required: every rehearsal ends with a named person's sign-off");
      return;
    }
    if (!checks.requireObject(signoff, path)) {
      return;
    }
    checks.unknownKeys(signoff, path, SIGNOFF_KEYS);
    new ApproverRules(checks).check(signoff.get("approvers"), path + ".approvers");
    checks.checkBoolean(signoff.get("allowInitiator"), path + ".allowInitiator");
    checks.checkDuration(signoff.get("timeout"), path + ".timeout");
    checks.checkDuration(signoff.get("remindEvery"), path + ".remindEvery");
    // Each reminder is a timer and a delivery in the run's history: a minute apart at the closest.
    checks.atLeast(signoff.get("remindEvery"), path + ".remindEvery", java.time.Duration.ofMinutes(1));
  }

  private void checkStep(JsonNode step, String path, Phase phase, JsonNode phases) {
    if (!checks.requireObject(step, path)) {
      return;
    }
    if (checks.requireText(step, "name", path)) {
      String name = step.get("name").asText();
      if (!STEP_NAME.matcher(name).matches()) {
        checks.problem(path + ".name", "must start with a letter or digit, use only letters, digits, '.', '_' or '-', no '..', at most 100 characters");
      }
      cross.checkUniqueStepName(name, path);
    }
    retry.check(step.get("retry"), path + ".retry");
    until.check(step, path);
    new FailureRules(checks).checkStep(step, path);
    List<String> kindKeys = new ArrayList<>();
    step.fieldNames().forEachRemaining(k -> {
      if (!STEP_KEYS.contains(k)) {
        kindKeys.add(k);
      }
    });
    if (kindKeys.isEmpty()) {
      checks.problem(path, "has no step kind; kinds are " + StepKind.keys());
      return;
    }
    if (kindKeys.size() > 1) {
      checks.problem(path, "has more than one step kind: " + String.join(", ", kindKeys));
    }
    new ReportGateRules(checks).check(step.get("gates"), path + ".gates", kindKeys);
    StepRules.StepSite site = new StepRules.StepSite(step.path("name").asText(), phase, phases);
    for (String key : kindKeys) {
      Optional<StepKind> kind = StepKind.fromKey(key);
      String kindPath = path + "." + key;
      if (kind.isEmpty()) {
        checks.problem(kindPath, "unknown step kind '" + key + "'; kinds are " + StepKind.keys());
        continue;
      }
      kindRules.get(kind.get()).check(step.get(key), kindPath, site);
    }
    String kind = kindKeys.size() == 1 && StepKind.fromKey(kindKeys.get(0)).isPresent() ? kindKeys.get(0) : null;
    outputs.checkOutputs(step.get("outputs"), path + ".outputs", kind);
  }
}
