package dev.rehearsal.plan;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A step's {@code outputs} (each an identifier with exactly one source its kind produces), and every {@code
 * ${steps.<step>.outputs.<name>}} a step's body holds: it must name an output an earlier step declares.
 */
final class OutputRules {
  private static final Set<String> KEYS = RecordKeys.of(OutputSpec.class);
  private static final List<String> SOURCES = List.of("json", "header", "status", "regex", "file", "column");
  private static final Map<String, List<String>> SOURCES_BY_KIND = Map.of(
      StepKind.HTTP.key(), List.of("json", "header", "status"),
      StepKind.COMMAND.key(), List.of("regex", "json", "file"),
      StepKind.SQL.key(), List.of("column"));
  private static final List<String> MANUAL_OUTPUTS =
      java.util.Arrays.stream(ManualSpec.Output.values()).map(Enum::name).toList();
  /** File outputs are read from the step's working directory; at most this much of each is kept. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private final JsonChecks checks;

  OutputRules(JsonChecks checks) {
    this.checks = checks;
  }

  /** The {@code outputs} of a step of kind {@code kind} (null when the step has no single known kind). */
  void checkOutputs(JsonNode outputs, String path, String kind) {
    if (outputs == null) {
      return;
    }
    if (StepKind.MANUAL.key().equals(kind)) {
      checks.problem(path, "a manual step's outputs are fixed (" + String.join(", ", MANUAL_OUTPUTS)
          + "); it declares none");
      return;
    }
    if (kind != null && !SOURCES_BY_KIND.containsKey(kind)) {
      checks.problem(path, "a " + kind + " step has no outputs; http, command and sql steps do");
      return;
    }
    if (!checks.requireObject(outputs, path)) {
      return;
    }
    outputs.fields().forEachRemaining(e -> {
      String p = path + "." + e.getKey();
      if (!OutputReferences.NAME.matcher(e.getKey()).matches()) {
        checks.problem(p, "an output's name is an identifier: letters, digits and '_', not starting with a digit");
      }
      if (checks.requireObject(e.getValue(), p)) {
        checkOutput(e.getValue(), p, kind);
      }
    });
  }

  private void checkOutput(JsonNode output, String path, String kind) {
    checks.unknownKeys(output, path, KEYS);
    checks.checkBoolean(output.get("secret"), path + ".secret");
    List<String> sources = SOURCES.stream().filter(output::has).toList();
    List<String> allowed = kind == null ? SOURCES : SOURCES_BY_KIND.get(kind);
    if (sources.isEmpty()) {
      checks.problem(path, "needs a source: one of " + allowed);
    } else if (sources.size() > 1) {
      checks.problem(path, "has " + sources.size() + " sources (" + String.join(", ", sources) + "); an output takes exactly one");
    }
    for (String source : sources) {
      String p = path + "." + source;
      if (!allowed.contains(source)) {
        checks.problem(p, "a " + kind + " step's outputs come from " + allowed);
      } else {
        checkSource(source, output.get(source), p);
      }
    }
  }

  private void checkSource(String source, JsonNode value, String path) {
    if (source.equals("status")) {
      if (!value.isBoolean() || !value.asBoolean()) {
        checks.problem(path, "must be true (the response's status code)");
      }
      return;
    }
    if (!value.isTextual() || value.asText().isEmpty()) {
      checks.problem(path, "must be a non-empty string");
      return;
    }
    String text = value.asText();
    switch (source) {
      case "json" -> checkPointer(text, path);
      case "regex" -> checkRegex(text, path);
      case "file" -> checkFile(text, path);
      default -> { }
    }
  }

  private void checkPointer(String pointer, String path) {
    try {
      JsonPointer.compile(pointer);
    } catch (IllegalArgumentException e) {
      checks.problem(path, "is not a JSON Pointer (it starts with '/', e.g. /token or /items/0/id)");
    }
  }

  private void checkRegex(String regex, String path) {
    try {
      if (Pattern.compile(regex).matcher("").groupCount() < 1) {
        checks.problem(path, "needs a group: the output is what its first group captures, e.g. \"major=(\\\\d+)\"");
      }
    } catch (PatternSyntaxException e) {
      checks.problem(path, "is not a valid regular expression: " + e.getDescription());
    }
  }

  private void checkFile(String file, String path) {
    Path p = Path.of(file);
    if (p.isAbsolute() || file.startsWith("~") || p.normalize().startsWith("..") || p.toString().contains("..")) {
      checks.problem(path, "must be a path inside the step's working directory, without '..'");
    }
  }

  /**
   * Every {@code ${steps...}} in a step's body names a step that runs before it (phase order, then order within
   * the phase) and an output that step declares.
   */
  void checkReferences(JsonNode phases) {
    Map<String, Set<String>> declared = new HashMap<>();
    Set<String> secret = new HashSet<>();
    Set<String> all = new HashSet<>();
    forEachStep(phases, (step, path) -> all.add(step.path("name").asText()));
    forEachStep(phases, (step, path) -> {
      String name = step.path("name").asText();
      step.fields().forEachRemaining(e -> {
        if (StepKind.fromKey(e.getKey()).isPresent()) {
          Site site = new Site(name, e.getKey(), path + "." + e.getKey(), declared, secret, all);
          walk(e.getValue(), site.kindPath(), site);
        }
      });
      Set<String> outputs = new HashSet<>(step.has(StepKind.MANUAL.key()) ? MANUAL_OUTPUTS : List.of());
      step.path("outputs").fields().forEachRemaining(o -> {
        outputs.add(o.getKey());
        if (o.getValue().path("secret").asBoolean(false)) {
          secret.add(name + "." + o.getKey());
        }
      });
      declared.put(name, outputs);
    });
  }

  /** The step whose body is walked, and what earlier steps declared. */
  private record Site(String self, String kind, String kindPath, Map<String, Set<String>> declared, Set<String> secret,
      Set<String> all) {}

  private void walk(JsonNode node, String path, Site site) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> walk(e.getValue(), JsonChecks.join(path, e.getKey()), site));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", site);
      }
    } else if (node.isTextual()) {
      for (String body : OutputReferences.bodies(node.asText())) {
        problem(body, path, site).ifPresent(why -> checks.problem(path, why));
      }
    }
  }

  private static Optional<String> problem(String body, String path, Site site) {
    Optional<OutputReferences.Ref> parsed = OutputReferences.parse(body);
    if (parsed.isEmpty()) {
      return Optional.of("'${" + body + "}' is not an output reference; write ${steps.<step>.outputs.<name>}");
    }
    OutputReferences.Ref ref = parsed.get();
    if (ref.step().equals(site.self())) {
      return Optional.of("'${" + body + "}' refers to this step's own output; only later steps can use it");
    }
    if (!site.declared().containsKey(ref.step())) {
      return Optional.of(site.all().contains(ref.step())
          ? "'${" + body + "}': step '" + ref.step() + "' runs later than this one; only earlier steps' outputs can be used"
          : "'${" + body + "}': there is no step named '" + ref.step() + "'");
    }
    Set<String> outputs = site.declared().get(ref.step());
    if (!outputs.contains(ref.output())) {
      return Optional.of("'${" + body + "}': step '" + ref.step() + "' declares no output '" + ref.output() + "'"
          + (outputs.isEmpty() ? "" : "; it declares " + outputs.stream().sorted().toList()));
    }
    String relative = path.substring(Math.min(path.length(), site.kindPath().length() + 1));
    if (site.secret().contains(ref.step() + "." + ref.output()) && !SecretPlaces.resolves(site.kind(), relative)) {
      return Optional.of("'${" + body + "}' is a secret output, resolved only on the worker in " + SecretPlaces.described()
          + "; here it would be used as its reference text");
    }
    return Optional.empty();
  }

  private static void forEachStep(JsonNode phases, java.util.function.BiConsumer<JsonNode, String> action) {
    for (Phase phase : Phase.values()) {
      JsonNode steps = phases.get(phase.key());
      if (phase == Phase.SIGNOFF || steps == null || !steps.isArray()) {
        continue;
      }
      for (int i = 0; i < steps.size(); i++) {
        if (steps.get(i).isObject()) {
          action.accept(steps.get(i), "phases." + phase.key() + "[" + i + "]");
        }
      }
    }
  }
}
