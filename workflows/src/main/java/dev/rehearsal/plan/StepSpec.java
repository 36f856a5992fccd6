package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One step of a phase: a name, exactly one kind, and an optional retry policy override. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepSpec(String name, RetrySpec retry, CommandSpec command, HttpSpec http, String rerun) {

  public StepKind kind() {
    if (command != null) {
      return StepKind.COMMAND;
    }
    if (http != null) {
      return StepKind.HTTP;
    }
    return StepKind.RERUN;
  }
}
