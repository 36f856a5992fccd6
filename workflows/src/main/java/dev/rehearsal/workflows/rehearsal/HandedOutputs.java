package dev.rehearsal.workflows.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.rehearsal.plan.OutputReferences;
import dev.rehearsal.plan.StepBody;
import dev.rehearsal.plan.StepSpec;
import dev.rehearsal.workflows.steps.StepNotRunnable;
import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outputs steps have handed on so far in a run, by the producing step's plan name (so a rerun's fresh values
 * replace the first run's, as snapshots do). Only ordinary values are here: a secret one never reaches the workflow,
 * and a reference to it stays as text for the worker to resolve. Workflow code, so deterministic.
 */
final class HandedOutputs {
  /** What the state shows for a secret output's value (as captured output masks secrets). */
  static final String MASK = "********";
  private static final ObjectMapper JSON = JacksonJsonPayloadConverter.newDefaultObjectMapper();

  private final Map<String, Map<String, String>> values = new HashMap<>();

  /** The step with every reference to an ordinary output known so far replaced in each string of its body. */
  StepSpec substitute(StepSpec spec) {
    // Nothing handed on yet: no reference can be replaced, so the body stays as it is (the usual case, and a JSON
    // round trip of every step's body per step is most of this class's cost).
    if (values.values().stream().allMatch(Map::isEmpty)) {
      return spec;
    }
    JsonNode body = JSON.valueToTree(spec.body());
    JsonNode replaced = replace(body);
    if (replaced.equals(body)) {
      return spec;
    }
    try {
      StepBody resolved = JSON.treeToValue(replaced, spec.body().getClass());
      return spec.withBody(resolved);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("step " + spec.name() + ": its body does not read back after substitution", e);
    }
  }

  /**
   * Keeps what a succeeded step handed on, and answers what its state shows: ordinary values, and each secret
   * output's name with a mask in place of its value.
   */
  Map<String, String> record(StepSpec spec, StepResult result) {
    values.put(spec.name(), Map.copyOf(result.outputs()));
    Map<String, String> shown = new TreeMap<>(result.outputs());
    if (spec.outputs() != null) {
      spec.outputs().forEach((name, output) -> {
        if (output.keptSecret()) {
          shown.put(name, MASK);
        }
      });
    }
    return shown;
  }

  private String lookup(OutputReferences.Ref ref) {
    return values.getOrDefault(ref.step(), Map.of()).get(ref.output());
  }

  private static int openings(String text) {
    int count = 0;
    for (int at = text.indexOf("${"); at >= 0; at = text.indexOf("${", at + 2)) {
      count++;
    }
    return count;
  }

  private JsonNode replace(JsonNode node) {
    if (node.isTextual()) {
      String text = node.asText();
      int[] substituted = {0};
      String replaced = OutputReferences.substitute(text, ref -> {
        String value = lookup(ref);
        substituted[0] += value == null ? 0 : 1;
        return value;
      });
      // Values side by side (a "$" then "{env:X}") must not make a reference the plan never wrote: the worker
      // would resolve it as a secret.
      if (openings(replaced) > openings(text) - substituted[0]) {
        throw new StepNotRunnable("values handed on by earlier steps would form a '${' reference here that the plan"
            + " did not write; refused");
      }
      return replaced.equals(text) ? node : TextNode.valueOf(replaced);
    }
    if (node.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), replace(e.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JSON.createArrayNode();
      node.forEach(item -> copy.add(replace(item)));
      return copy;
    }
    return node;
  }
}
