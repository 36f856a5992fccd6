package dev.rehearsal.activities.archive;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.workflows.archive.ArchiveResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The archive under {@code <data dir>/archive}: a directory per closed run ({@code runs/<id>/}, its files and
 * {@code manifest.json}) and {@code chain.jsonl}, the order in which the manifests were chained. It outlives
 * Temporal's retention and a restart of the in-memory local server.
 */
public class Archive {
  public static final String HISTORY = "history.json";
  public static final String STATE = "state.json";
  public static final String REPORT_JSON = "report.json";
  public static final String REPORT_MARKDOWN = "report.md";
  public static final String REPORT_HTML = "report.html";
  public static final String EVIDENCE_INDEX = "evidence-index.json";
  public static final String MANIFEST = "manifest.json";

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,200}");

  private final Path root;
  private final Path runs;
  private final Path staging;
  private final ArchiveChain chain;

  public Archive(Path dataDir) {
    this.root = dataDir.resolve("archive").toAbsolutePath().normalize();
    this.runs = root.resolve("runs");
    this.staging = root.resolve(".staging");
    this.chain = new ArchiveChain(root);
  }

  public Path root() {
    return root;
  }

  Path runsDirectory() {
    return runs;
  }

  ArchiveChain chain() {
    return chain;
  }

  /** The archived runs, oldest first. */
  public List<ChainLink> links() {
    return chain.links();
  }

  /** The archived run, when {@code runId} has been archived. */
  public Optional<ArchivedRun> find(String runId) {
    if (!isSafe(runId)) {
      return Optional.empty();
    }
    Path dir = runs.resolve(runId);
    return Files.isRegularFile(dir.resolve(MANIFEST)) ? Optional.of(new ArchivedRun(runId, dir)) : Optional.empty();
  }

  /**
   * Archives a run's files exactly once. The files are staged, their manifest chained to the last one, the
   * directory renamed into place and only then the chain line appended; a crash anywhere before that append leaves
   * the run unarchived, and the retry starts it over. A run already in the chain is never written again.
   */
  public ArchiveResult write(String runId, Map<String, byte[]> files) {
    if (!isSafe(runId)) {
      throw new IllegalArgumentException("unsafe run id " + runId);
    }
    return chain.locked(() -> {
      List<ChainLink> links = chain.links();
      Optional<ChainLink> done = links.stream().filter(l -> l.runId().equals(runId)).findFirst();
      if (done.isPresent()) {
        return result(done.get());
      }
      ChainLink last = links.isEmpty() ? null : links.get(links.size() - 1);
      long sequence = last == null ? 1 : last.sequence() + 1;
      String previous = last == null ? null : last.manifest();
      Instant now = Instant.now();
      try {
        Path stage = staging.resolve(runId);
        deleteRecursively(stage);
        Files.createDirectories(stage);
        SortedMap<String, String> hashes = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
          writeDurably(stage.resolve(file.getKey()), file.getValue());
          hashes.put(file.getKey(), EvidenceStore.sha256(file.getValue()));
        }
        byte[] manifest = ArchiveJson.pretty(new ArchiveManifest(ArchiveManifest.FORMAT, sequence, runId, now, previous, hashes));
        writeDurably(stage.resolve(MANIFEST), manifest);
        Path target = runs.resolve(runId);
        deleteRecursively(target);
        Files.createDirectories(runs);
        Files.move(stage, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(runs);
        ChainLink link = new ChainLink(sequence, runId, EvidenceStore.sha256(manifest), previous, now);
        chain.append(link);
        return result(link);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot archive run " + runId, e);
      }
    });
  }

  private static boolean isSafe(String runId) {
    return runId != null && SAFE_ID.matcher(runId).matches() && !runId.contains("..");
  }

  private static ArchiveResult result(ChainLink link) {
    return new ArchiveResult(link.runId(), link.sequence(), link.manifest(), link.previous());
  }

  private static void writeDurably(Path file, byte[] content) throws IOException {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      out.write(java.nio.ByteBuffer.wrap(content));
      out.force(true);
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException notSupported) {
      // Some file systems cannot sync a directory; the chain line is forced regardless.
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
