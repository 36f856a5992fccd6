package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.FileSystems;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * A command's {@code artifacts} and {@code maxArtifactBytes}. Paths stay inside the working directory: absolute
 * paths and {@code ..} are refused here; symbolic links, which only exist at run time, are refused by the worker.
 */
final class ArtifactRules {
  private static final Set<String> ARTIFACT_KEYS = RecordKeys.of(Artifact.class);
  static final long MAX_ARTIFACT_BYTES = 16L * 1024 * 1024 * 1024;

  private final JsonChecks checks;

  ArtifactRules(JsonChecks checks) {
    this.checks = checks;
  }

  void check(JsonNode command, String path) {
    JsonNode max = command.get("maxArtifactBytes");
    if (max != null && (!max.isIntegralNumber() || max.asLong() < 1 || max.asLong() > MAX_ARTIFACT_BYTES)) {
      checks.problem(path + ".maxArtifactBytes", "must be a whole number of bytes from 1 to " + MAX_ARTIFACT_BYTES);
    }
    JsonNode artifacts = command.get("artifacts");
    if (artifacts == null) {
      return;
    }
    if (!artifacts.isArray()) {
      checks.problem(path + ".artifacts", "must be a list of paths (or { path, optional })");
      return;
    }
    for (int i = 0; i < artifacts.size(); i++) {
      String p = path + ".artifacts[" + i + "]";
      JsonNode artifact = artifacts.get(i);
      if (artifact.isObject()) {
        checks.unknownKeys(artifact, p, ARTIFACT_KEYS);
        checks.checkBoolean(artifact.get("optional"), p + ".optional");
        p = p + ".path";
        artifact = artifact.get("path");
      }
      if (artifact == null || !artifact.isTextual()) {
        checks.problem(p, "must be a path relative to the working directory");
      } else {
        checkRelative(checks, artifact.asText(), p);
        checkGlob(artifact.asText(), p);
      }
    }
  }

  /** A path a step reads from its working directory: relative, and never climbing out of it. */
  static void checkRelative(JsonChecks checks, String file, String path) {
    String slashed = file.replace('\\', '/');
    if (file.isBlank()) {
      checks.problem(path, "must be a path relative to the working directory");
    } else if (slashed.startsWith("/") || slashed.matches("[A-Za-z]:.*") || slashed.startsWith("~")) {
      checks.problem(path, "'" + file + "' is absolute: artifacts and reports are relative to the working directory");
    } else if (("/" + slashed + "/").contains("/../")) {
      checks.problem(path, "'" + file + "' leaves the working directory ('..')");
    }
  }

  private void checkGlob(String file, String path) {
    try {
      FileSystems.getDefault().getPathMatcher("glob:" + file);
    } catch (PatternSyntaxException e) {
      checks.problem(path, "'" + file + "' is not a valid glob: " + e.getDescription());
    }
  }
}
