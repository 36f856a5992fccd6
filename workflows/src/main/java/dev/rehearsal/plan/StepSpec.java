package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a phase: a name, an optional retry policy override, its body (the value under its kind's key), and
 * the outputs it hands on to later steps (null when it declares none).
 * In JSON the body sits beside the name under that key ({@code {name, retry, command: {...}}}), as plans write it
 * and every committed history holds it; {@link StepSpecJson} reads and writes that shape through {@link StepKind}.
 */
@JsonSerialize(using = StepSpecJson.Writer.class)
@JsonDeserialize(using = StepSpecJson.Reader.class)
public record StepSpec(String name, RetrySpec retry, StepBody body, Map<String, OutputSpec> outputs) {
  public StepSpec {
    Objects.requireNonNull(body, () -> "step '" + name + "' has no kind that StepKind registers");
  }

  public StepSpec(String name, RetrySpec retry, StepBody body) {
    this(name, retry, body, null);
  }

  public StepKind kind() {
    return StepKind.of(body);
  }

  /** The body as the record of the kind it is known to be. */
  public <T extends StepBody> T body(Class<T> type) {
    return type.cast(body);
  }
}
