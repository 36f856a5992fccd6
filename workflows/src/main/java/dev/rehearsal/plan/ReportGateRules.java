package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A step's {@code gates}: on command steps only (a load step has its own {@code load.gates}). Each gate reads one
 * source (a JSON {@code report}, {@code stdout: true}, or a {@code junit} report) and has a {@code pass} bound,
 * optionally a {@code warn} bound in the same direction, and a baseline tolerance.
 */
final class ReportGateRules {
  private static final Set<String> KEYS = RecordKeys.of(ReportGate.class);
  private static final Set<String> FIGURES = RecordKeys.names(ReportGate.JunitFigure.class);
  /** Gate names join the step's in {@code <step>.<gate>}, what waivers key on. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private final JsonChecks checks;

  ReportGateRules(JsonChecks checks) {
    this.checks = checks;
  }

  void check(JsonNode gates, String path, List<String> kinds) {
    if (gates == null) {
      return;
    }
    if (!kinds.equals(List.of(StepKind.COMMAND.key()))) {
      checks.problem(path, "gates on a tool's report are for command steps (a load step has its own load.gates)");
      return;
    }
    if (!checks.requireObject(gates, path)) {
      return;
    }
    gates.fields().forEachRemaining(e -> {
      String p = path + "." + e.getKey();
      if (!NAME.matcher(e.getKey()).matches()) {
        checks.problem(p, "a gate name uses letters, digits, '_' or '-', at most 64 characters");
      }
      if (checks.requireObject(e.getValue(), p)) {
        checkGate(e.getValue(), p);
      }
    });
  }

  private void checkGate(JsonNode gate, String path) {
    checks.unknownKeys(gate, path, KEYS);
    checks.checkBoolean(gate.get("stdout"), path + ".stdout");
    boolean stdout = gate.path("stdout").asBoolean(false);
    List<String> sources = java.util.stream.Stream.of("report", "junit").filter(gate::has).toList();
    if (sources.size() + (stdout ? 1 : 0) != 1) {
      checks.problem(path, "needs exactly one source: 'report' (a JSON file), 'stdout: true' or 'junit' (a JUnit XML file)");
    }
    for (String source : sources) {
      JsonNode file = gate.get(source);
      if (file.isTextual()) {
        ArtifactRules.checkRelative(checks, file.asText(), path + "." + source);
      } else {
        checks.problem(path + "." + source, "must be a path relative to the working directory");
      }
    }
    if (gate.has("junit")) {
      if (!FIGURES.contains(gate.path("figure").asText())) {
        checks.problem(path + ".figure", "is required with junit: one of " + FIGURES.stream().sorted().toList());
      }
      if (gate.has("pointer")) {
        checks.problem(path + ".pointer", "is for JSON reports; a junit gate reads a 'figure'");
      }
    } else {
      if (gate.has("figure")) {
        checks.problem(path + ".figure", "is for junit reports; a JSON report's figure is at a 'pointer'");
      }
      if (gate.get("pointer") == null) {
        checks.problem(path + ".pointer", "is required: the JSON Pointer of the figure, e.g. /total/lines/pct");
      }
      checks.checkPointer(gate.get("pointer"), path + ".pointer");
    }
    checkBounds(gate.get("pass"), gate.get("warn"), path);
    LoadSpec.Rules.checkBaseline(checks, gate.get("baseline"), path + ".baseline");
  }

  /** Both bounds in one direction, and the warn bound no stricter than the pass bound. */
  private void checkBounds(JsonNode pass, JsonNode warn, String path) {
    if (pass == null || !isBound(pass)) {
      checks.problem(path + ".pass", "is required: a number (the largest value that passes) or \">= N\" / \"<= N\"");
      return;
    }
    if (warn == null) {
      return;
    }
    if (!isBound(warn)) {
      checks.problem(path + ".warn", "must be a number or \">= N\" / \"<= N\"");
      return;
    }
    ReportGate.Bound p = new ReportGate.Bound(pass);
    ReportGate.Bound w = new ReportGate.Bound(warn);
    if (p.atLeast() != w.atLeast()) {
      checks.problem(path + ".warn", "must bound the same direction as 'pass'");
    } else if (p.atLeast() ? w.limit() > p.limit() : w.limit() < p.limit()) {
      checks.problem(path + ".warn", "must be no stricter than 'pass' (" + (p.atLeast() ? "at most" : "at least") + " its limit)");
    }
  }

  private static boolean isBound(JsonNode bound) {
    return bound.isNumber() || bound.isTextual() && ReportGate.Bound.FORM.matcher(bound.asText()).matches();
  }
}
