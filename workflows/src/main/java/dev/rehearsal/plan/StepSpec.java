package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a phase: a name, an optional retry policy override, its body (the value under its kind's key), gates
 * on figures its tool reported ({@code gates}, command steps only), the outputs it hands on to later steps, and
 * {@code until}, a wait for its expectations to hold, and {@code onFailure}, whether its failure pauses the run for a
 * person's decision; the options are null when the step has none.
 * In JSON the body sits beside the name under that key ({@code {name, retry, command: {...}}}), as plans write it
 * and every committed history holds it; {@link StepSpecJson} reads and writes that shape through {@link StepKind}.
 */
@JsonSerialize(using = StepSpecJson.Writer.class)
@JsonDeserialize(using = StepSpecJson.Reader.class)
public record StepSpec(String name, RetrySpec retry, StepBody body, Map<String, ReportGate> gates,
    Map<String, OutputSpec> outputs, UntilSpec until, OnFailure onFailure) {
  public StepSpec {
    Objects.requireNonNull(body, () -> "step '" + name + "' has no kind that StepKind registers");
    // In the plan's order, so gates read in the order their author wrote them; null when the step has none.
    gates = gates == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(gates));
  }

  public StepSpec(String name, RetrySpec retry, StepBody body) {
    this(name, retry, body, null, null, null, null);
  }

  /** The same step with another body of its kind (references resolved, say). */
  public StepSpec withBody(StepBody other) {
    return new StepSpec(name, retry, other, gates, outputs, until, onFailure);
  }

  public StepKind kind() {
    return StepKind.of(body);
  }

  /** The body as the record of the kind it is known to be. */
  public <T extends StepBody> T body(Class<T> type) {
    return type.cast(body);
  }
}
