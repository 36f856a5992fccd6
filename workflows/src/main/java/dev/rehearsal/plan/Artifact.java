package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A file, directory or glob a command wrote, relative to its working directory, kept as evidence. Written as the
 * path alone, or as {@code { path, optional: true }} when its absence must not fail the step.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Artifact(String path, boolean optional) {
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public Artifact(@JsonProperty("path") String path, @JsonProperty("optional") boolean optional) {
    this.path = path;
    this.optional = optional;
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Artifact of(String path) {
    return new Artifact(path, false);
  }

  /** Whether the path holds glob characters: it may then match several files, or none. */
  public boolean glob() {
    return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }
}
