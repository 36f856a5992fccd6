package dev.rehearsal.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads plan text (YAML, or JSON which is YAML too), validates it and binds it, with parameters substituted. */
public final class PlanParser {
  /**
   * The largest plan text read, in characters. Scanning a long YAML scalar costs more than linear time
   * (about 0.25 s of CPU for a 1 MiB quoted string), so this bounds what one request can cost.
   */
  public static final int MAX_PLAN_CHARS = 1024 * 1024;
  /** A plan is a few levels deep (phases, step, kind, expectation); far deeper is an attack, not a plan. */
  private static final int MAX_NESTING = 50;

  /**
   * Strict about repeated keys: a second {@code smoke:} silently replacing the first would drop steps. A factory,
   * not a mapper: {@code validate} on the command line reads trees only ({@link JsonTrees}) and starts faster.
   */
  private static final YAMLFactory YAML = limitedYamlFactory();

  /** Created on the first bind only, so reading and validating a plan never pays for a mapper's configuration. */
  private static final class Binder {
    static final ObjectMapper BINDER =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  private PlanParser() {}

  /**
   * Jackson reads SnakeYAML's events, not its composer, so of SnakeYAML's LoaderOptions only the code point limit
   * applies; nesting is bounded by Jackson's read constraints, aliases and tags by {@link PlainYamlParser}.
   */
  private static YAMLFactory limitedYamlFactory() {
    LoaderOptions loader = new LoaderOptions();
    loader.setCodePointLimit(MAX_PLAN_CHARS);
    return YAMLFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .loaderOptions(loader)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxDocumentLength(MAX_PLAN_CHARS).maxStringLength(MAX_PLAN_CHARS).maxNameLength(MAX_PLAN_CHARS)
            .maxNestingDepth(MAX_NESTING).build())
        .build();
  }

  /** The plan's tree; a syntax error becomes a single problem with the line and column. */
  public static JsonNode readTree(String text) {
    if (text != null && text.length() > MAX_PLAN_CHARS) {
      throw new InvalidPlanException(List.of(new PlanProblem("", "the plan text is longer than " + MAX_PLAN_CHARS + " characters")));
    }
    try (JsonParser parser = new PlainYamlParser((YAMLParser) YAML.createParser(text == null ? "" : text))) {
      JsonNode node = JsonTrees.read(parser);
      if (node == null || node.isMissingNode()) {
        throw new InvalidPlanException(List.of(new PlanProblem("", "the plan is empty")));
      }
      // Jackson stops after the first document: a second one would be silently ignored, not checked nor run.
      if (parser.nextToken() != null) {
        throw new InvalidPlanException(List.of(new PlanProblem("", "a second YAML document at line "
            + parser.currentTokenLocation().getLineNr() + ": a plan file holds one document")));
      }
      return node;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new InvalidPlanException(List.of(new PlanProblem("", "not valid YAML or JSON" + where + ": " + e.getOriginalMessage())));
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail with I/O", e);
    }
  }

  /** Every problem of the plan on its own, without run parameters. */
  public static List<PlanProblem> problems(JsonNode tree) {
    return PlanValidator.validate(tree, Optional.empty());
  }

  /**
   * Validates the plan against the run's parameters, substitutes them, and binds the result.
   *
   * @throws InvalidPlanException with every problem when the plan is not valid
   */
  public static Plan bind(JsonNode tree, Map<String, String> parameters) {
    List<PlanProblem> problems = PlanValidator.validate(tree, Optional.of(Set.copyOf(parameters.keySet())));
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    try {
      JsonNode bound = substitute(tree.deepCopy(), parameters);
      EnvironmentName.problemOfResolved(bound.path("environment").asText()).ifPresent(why -> {
        throw new InvalidPlanException(List.of(new PlanProblem("environment", why)));
      });
      nameImpliedSnapshots(bound.get("phases"));
      return Binder.BINDER.treeToValue(bound, Plan.class);
    } catch (JsonProcessingException e) {
      throw new InvalidPlanException(List.of(new PlanProblem("", "the plan does not bind: " + e.getOriginalMessage())));
    }
  }

  /** A restore without {@code from} restores the plan's only snapshot (the validator made sure there is one). */
  private static void nameImpliedSnapshots(JsonNode phases) {
    List<String> snapshots = PlanCrossChecks.snapshotStepNames(phases);
    for (Phase phase : Phase.values()) {
      for (JsonNode step : phases.path(phase.key())) {
        if (step.get(StepKind.POSTGRES_RESTORE.key()) instanceof ObjectNode restore && !restore.has("from")) {
          restore.put("from", snapshots.get(0));
        }
      }
    }
  }

  private static JsonNode substitute(JsonNode node, Map<String, String> parameters) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        e.setValue(substitute(e.getValue(), parameters));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, substitute(array.get(i), parameters));
      }
    } else if (node.isTextual()) {
      return TextNode.valueOf(References.substituteParameters(node.asText(), parameters));
    }
    return node;
  }
}
