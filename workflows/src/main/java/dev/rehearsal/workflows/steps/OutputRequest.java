package dev.rehearsal.workflows.steps;

import dev.rehearsal.plan.OutputSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs a step activity must take from what it produced. {@code step} is the step's plan name (a rerun's copy
 * has the original's), which keys secret values so that a later run of the step replaces them.
 */
public record OutputRequest(String step, Map<String, OutputSpec> outputs) {
  public OutputRequest {
    outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }
}
