package dev.rehearsal.activities.evidence;

import dev.rehearsal.workflows.steps.EvidenceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Artifacts of runs, one directory per run under {@code <data dir>/evidence}. Workflow history only carries an
 * artifact's name, size and sha256; the bytes live here.
 */
public class EvidenceStore {
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,200}");

  private final Path root;

  public EvidenceStore(Path dataDir) {
    this.root = dataDir.resolve("evidence").toAbsolutePath().normalize();
  }

  /** Writes an artifact atomically (temp file, then rename), replacing one of the same name. */
  public EvidenceRef put(String runId, String name, byte[] content, boolean truncated) {
    Path target = path(runId, name);
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
      Files.write(tmp, content);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write evidence " + name, e);
    }
    return new EvidenceRef(name, content.length, sha256(content), truncated);
  }

  /** The artifact's file, when the run and name are valid and it exists. */
  public Optional<Path> find(String runId, String name) {
    if (!isSafe(runId) || !isSafe(name)) {
      return Optional.empty();
    }
    Path p = path(runId, name);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  private Path path(String runId, String name) {
    if (!isSafe(runId) || !isSafe(name)) {
      throw new IllegalArgumentException("unsafe evidence name: " + runId + "/" + name);
    }
    return root.resolve(runId).resolve(name);
  }

  private static boolean isSafe(String name) {
    return name != null && SAFE_NAME.matcher(name).matches() && !name.contains("..");
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
