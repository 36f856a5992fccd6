package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One step of a phase: a name, exactly one kind, and an optional retry policy override. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepSpec(
    String name,
    RetrySpec retry,
    CommandSpec command,
    HttpSpec http,
    String rerun,
    SqlSpec sql,
    @JsonProperty("postgres.snapshot") SnapshotSpec snapshot,
    @JsonProperty("postgres.restore") RestoreSpec restore,
    LoadSpec load) {

  public StepKind kind() {
    if (command != null) {
      return StepKind.COMMAND;
    }
    if (http != null) {
      return StepKind.HTTP;
    }
    if (sql != null) {
      return StepKind.SQL;
    }
    if (snapshot != null) {
      return StepKind.POSTGRES_SNAPSHOT;
    }
    if (restore != null) {
      return StepKind.POSTGRES_RESTORE;
    }
    if (load != null) {
      return StepKind.LOAD;
    }
    if (rerun != null) {
      return StepKind.RERUN;
    }
    // Validation refuses a step without a kind, so this is a kind missing from StepSpec: fail, never guess.
    throw new IllegalStateException("step '" + name + "' has no kind that StepSpec binds");
  }

  /** The timeout the step sets for itself, if any; exhaustive, so a new kind does not compile without its line. */
  public String ownTimeout() {
    return switch (kind()) {
      case COMMAND -> command.timeout();
      case HTTP -> http.timeout();
      case SQL -> sql.timeout();
      case POSTGRES_SNAPSHOT -> snapshot.timeout();
      case POSTGRES_RESTORE -> restore.timeout();
      case LOAD -> load.timeout();
      case RERUN -> null;
    };
  }
}
