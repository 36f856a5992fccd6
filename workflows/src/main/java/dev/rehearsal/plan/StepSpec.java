package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Objects;

/**
 * One step of a phase: a name, an optional retry policy override, and its body, the value under its kind's key.
 * In JSON the body sits beside the name under that key ({@code {name, retry, command: {...}}}), as plans write it
 * and every committed history holds it; {@link StepSpecJson} reads and writes that shape through {@link StepKind}.
 */
@JsonSerialize(using = StepSpecJson.Writer.class)
@JsonDeserialize(using = StepSpecJson.Reader.class)
public record StepSpec(String name, RetrySpec retry, StepBody body, UntilSpec until) {
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
