package dev.rehearsal.activities.evidence;

import dev.rehearsal.workflows.steps.EvidenceRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Artifacts of runs, one directory per run under {@code <data dir>/evidence}. Workflow history only carries an
 * artifact's name, size and sha256; the bytes live here.
 */
public class EvidenceStore {
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,200}");

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private final Path root;

  /** Creates the data directory, readable by this process's user alone, if it is not there yet. */
  public EvidenceStore(Path dataDir) {
    this.root = dataDir.resolve("evidence").toAbsolutePath().normalize();
    PrivateDirectory.ensure(root.getParent());
  }

  /** The data directory this store lives in (other stores keep their files beside it). */
  public Path dataDir() {
    return root.getParent();
  }

  /** Writes an artifact atomically (temp file, then rename), replacing one of the same name. */
  public EvidenceRef put(String runId, String name, byte[] content, boolean truncated) {
    Path target = path(runId, name);
    try {
      Path tmp;
      try {
        tmp = PartFile.write(target.getParent(), content);
      } catch (NoSuchFileException firstOfRun) {
        Files.createDirectories(target.getParent());
        tmp = PartFile.write(target.getParent(), content);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write evidence " + name, e);
    }
    return new EvidenceRef(name, content.length, sha256(content), truncated);
  }

  /** Keeps what {@code content} holds as an artifact, atomically, and hashes what was kept. */
  public EvidenceRef copyIn(String runId, String name, InputStream content) {
    return new EvidenceRef(name, copy(content, path(runId, name)), sha(path(runId, name)), false);
  }

  /**
   * Keeps what {@code content} holds under {@code name} only if no artifact of that name exists, and never replaces
   * one: empty when the name is taken (by another request that may be recorded with it). The file is created
   * exclusively, readable by this process's user alone, and is removed again if writing it fails.
   */
  public Optional<EvidenceRef> copyInNew(String runId, String name, InputStream content) {
    Path target = path(runId, name);
    try {
      Files.createDirectories(target.getParent());
      createOwnerOnly(target);
    } catch (FileAlreadyExistsException taken) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep " + name + " as evidence", e);
    }
    try {
      try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        content.transferTo(out);
      }
      return Optional.of(new EvidenceRef(name, Files.size(target), sha256(target), false));
    } catch (IOException e) {
      try {
        Files.deleteIfExists(target);
      } catch (IOException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw new UncheckedIOException("cannot keep " + name + " as evidence", e);
    }
  }

  private static void createOwnerOnly(Path file) throws IOException {
    try {
      Files.createFile(file, OWNER_ONLY);
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
  }

  /** Keeps what {@code content} holds in a directory artifact at {@code relative}; returns the bytes kept. */
  public long copyInto(String runId, String name, String relative, InputStream content) {
    Path target = path(runId, name).resolve(relative).normalize();
    if (!target.startsWith(path(runId, name))) {
      throw new IllegalArgumentException("unsafe evidence path: " + name + "/" + relative);
    }
    return copy(content, target);
  }

  private static long copy(InputStream content, Path target) {
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
      // Into the temp file as created (0600): Files.copy with REPLACE_EXISTING would recreate it with the umask's mode.
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        content.transferTo(out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return Files.size(target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep " + target.getFileName() + " as evidence", e);
    }
  }

  private static String sha(Path file) {
    try {
      return sha256(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + file, e);
    }
  }

  /**
   * A fresh, empty directory for a multi-file artifact (a dump). Whatever an earlier, interrupted attempt left there
   * is removed first.
   */
  public Path freshDirectory(String runId, String name) {
    Path dir = path(runId, name);
    try {
      deleteRecursively(dir);
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare evidence directory " + name, e);
    }
    return dir;
  }

  /** Removes a directory artifact, if there is one. */
  public void deleteDirectory(String runId, String name) {
    try {
      deleteRecursively(path(runId, name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove evidence directory " + name, e);
    }
  }

  /** Where all of a run's artifacts live (it may not exist yet). */
  public Path runDirectory(String runId) {
    if (!isSafe(runId)) {
      throw new IllegalArgumentException("unsafe run id: " + runId);
    }
    return root.resolve(runId);
  }

  /** Reads a run's text artifacts by name (what the HTML report embeds); empty when missing or unreadable. */
  public java.util.function.Function<String, Optional<String>> textReader(String runId) {
    return name -> find(runId, name).flatMap(file -> {
      try {
        return Optional.of(Files.readString(file));
      } catch (IOException unreadable) {
        return Optional.empty();
      }
    });
  }

  /** Where a directory artifact lives. */
  public Path directory(String runId, String name) {
    return path(runId, name);
  }

  /**
   * Seals a directory artifact: writes its manifest {@code <name>.sha256} (one {@code sha256sum} line per file, so it
   * can be checked by hand) and returns references to the directory and the manifest. The directory's reference
   * carries the total size and the manifest's sha256, which pins every byte of every file.
   */
  public List<EvidenceRef> sealDirectory(String runId, String name) {
    return sealDirectory(runId, name, Map.of());
  }

  /** As above, taking the sha256 of the files in {@code known} (by path) as given: they were hashed once closed. */
  public List<EvidenceRef> sealDirectory(String runId, String name, Map<Path, String> known) {
    byte[] manifest = manifest(path(runId, name), known).getBytes(StandardCharsets.UTF_8);
    stopIfInterrupted(path(runId, name));
    EvidenceRef manifestRef = put(runId, name + ".sha256", manifest, false);
    return List.of(new EvidenceRef(name, size(path(runId, name)), manifestRef.sha256(), false), manifestRef);
  }

  /**
   * The files of a sealed directory artifact that changed, appeared or disappeared since it was sealed with manifest
   * hash {@code sealedSha256}; empty when every byte is as sealed.
   */
  public List<String> changedFiles(String runId, String name, String sealedSha256) {
    String now = manifest(path(runId, name));
    if (sha256(now.getBytes(StandardCharsets.UTF_8)).equals(sealedSha256)) {
      return List.of();
    }
    Set<String> sealed = new TreeSet<>();
    try {
      sealed.addAll(Files.readAllLines(path(runId, name + ".sha256"), StandardCharsets.UTF_8));
    } catch (IOException unreadable) {
      // Without the manifest every file counts as changed.
    }
    Set<String> current = new TreeSet<>(now.lines().toList());
    Set<String> changed = new TreeSet<>();
    for (Set<String> side : List.of(sealed, current)) {
      Set<String> other = side == sealed ? current : sealed;
      side.stream().filter(line -> !other.contains(line)).forEach(line -> changed.add(line.substring(line.indexOf("  ") + 2)));
    }
    return changed.isEmpty() ? List.of(name + ".sha256 (the manifest itself)") : List.copyOf(changed);
  }

  /** A value as the pretty-printed JSON that evidence files hold. */
  public static String json(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write evidence JSON", e);
    }
  }

  /** The bytes of an artifact of this run. */
  public byte[] read(String runId, String name) {
    try {
      return Files.readAllBytes(path(runId, name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read evidence " + name, e);
    }
  }

  /** Total bytes of the files under an artifact directory so far (progress of a running dump). */
  public static long size(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  /**
   * Flushes every file under {@code dir}, and the directory, to disk: what {@code pg_dump} does at its end unless told
   * {@code --no-sync}, done here when the caller has better things to do meanwhile.
   */
  public static void sync(Path dir) {
    sync(dir, Set.of());
  }

  /** As above, except the files in {@code flushed}, which were flushed already. */
  public static void sync(Path dir, Set<Path> flushed) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(f -> !flushed.contains(f)).toList()) {
        stopIfInterrupted(dir);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.READ)) {
          channel.force(true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flush " + dir + " to disk", e);
    }
  }

  /** Hashing or flushing a directory is long: a caller that gave up on it interrupts it, and nothing more is written. */
  private static void stopIfInterrupted(Path dir) throws UncheckedIOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new UncheckedIOException(new java.io.InterruptedIOException("stopped while hashing or flushing " + dir));
    }
  }

  private static String manifest(Path dir) {
    return manifest(dir, Map.of());
  }

  private static String manifest(Path dir, Map<Path, String> known) {
    try (Stream<Path> files = Files.walk(dir)) {
      StringBuilder lines = new StringBuilder();
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        stopIfInterrupted(dir);
        lines.append(known.containsKey(f) ? known.get(f) : sha256(f)).append("  ").append(dir.relativize(f)).append('\n');
      }
      return lines.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + dir, e);
    }
  }

  public static String sha256(Path file) throws IOException {
    return sha256(file, () -> {});
  }

  /** The file's sha256; {@code progress} runs every 64 MiB read, so a long hash can heartbeat. */
  public static String sha256(Path file, Runnable progress) throws IOException {
    MessageDigest digest = newDigest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int chunks = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (Thread.currentThread().isInterrupted()) {
          throw new java.io.InterruptedIOException("stopped while hashing " + file);
        }
        digest.update(buffer, 0, n);
        if (++chunks % 1024 == 0) {
          progress.run();
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Removes a directory tree, if there is one. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The artifact's file, when the run and name are valid and it exists. */
  public Optional<Path> find(String runId, String name) {
    if (!isSafe(runId) || !isSafe(name)) {
      return Optional.empty();
    }
    Path p = path(runId, name);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /** A sealed directory artifact's directory (its manifest {@code <name>.sha256} beside it), when there is one. */
  public Optional<Path> findDirectory(String runId, String name) {
    if (!isSafe(runId) || !isSafe(name) || find(runId, name + ".sha256").isEmpty()) {
      return Optional.empty();
    }
    Path dir = path(runId, name);
    return Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Optional.of(dir) : Optional.empty();
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
    return HexFormat.of().formatHex(newDigest().digest(content));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
