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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

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
  private final Optional<HeadAnchor> anchor;

  public Archive(Path dataDir) {
    this(dataDir, Optional.empty());
  }

  /** @param anchor where a copy of the chain head is kept after every archive; outside the data directory */
  public Archive(Path dataDir, Optional<HeadAnchor> anchor) {
    this.root = dataDir.resolve("archive").toAbsolutePath().normalize();
    this.runs = root.resolve("runs");
    this.staging = root.resolve(".staging");
    this.chain = new ArchiveChain(root);
    Path data = dataDir.toAbsolutePath().normalize();
    anchor.filter(a -> a.file().startsWith(data)).ifPresent(a -> {
      throw new IllegalStateException("the chain head copy " + a.file() + " must be outside the data directory " + data
          + ": whoever can cut the chain there could rewrite the copy too");
    });
    this.anchor = anchor;
  }

  public Optional<HeadAnchor> anchor() {
    return anchor;
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

  /**
   * The archived run, when {@code runId} is in the chain (a directory whose link was never appended is an
   * interrupted write that its retry replaces, not an archived run).
   */
  public Optional<ArchivedRun> find(String runId) {
    if (!isSafe(runId) || !chainedIds().contains(runId)) {
      return Optional.empty();
    }
    return Optional.of(new ArchivedRun(runId, runs.resolve(runId)));
  }

  /** The ids of every archived run, read once: for callers that look up many runs at a time (the run list). */
  public java.util.Set<String> archivedIds() {
    return chainedIds();
  }

  private record ChainedIds(long size, long modified, java.util.Set<String> ids) {}

  private volatile ChainedIds chained = new ChainedIds(-1, -1, java.util.Set.of());

  /** The chain's run ids, re-read only when the file changed (the API asks on every read of a run). */
  private java.util.Set<String> chainedIds() {
    Path file = chain.file();
    try {
      long size = Files.exists(file) ? Files.size(file) : 0;
      long modified = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : 0;
      ChainedIds known = chained;
      if (known.size() != size || known.modified() != modified) {
        known = new ChainedIds(size, modified, chain.parseAppended().links().stream().map(ChainLink::runId).collect(java.util.stream.Collectors.toUnmodifiableSet()));
        chained = known;
      }
      return known.ids();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Archives a run's files exactly once. The files are staged, their manifest chained to the last one, the
   * directory renamed into place and only then the chain line appended; a crash anywhere before that append leaves
   * the run unarchived, and the retry starts it over. A run already in the chain is never written again.
   */
  public ArchiveResult write(String runId, Map<String, byte[]> files) {
    return write(runId, files, () -> {});
  }

  /** Like {@link #write(String, Map)}, telling {@code waiting} about once a second while it waits for its turn. */
  public ArchiveResult write(String runId, Map<String, byte[]> files, Runnable waiting) {
    if (!isSafe(runId)) {
      throw new IllegalArgumentException("unsafe run id " + runId);
    }
    return chain.locked(waiting, () -> {
      ArchiveChain.Parsed parsed = chain.parseAppended();
      if (!parsed.unreadable().isEmpty()) {
        // Extending a damaged chain would bury the damage; archiving resumes (by retry) once it is dealt with.
        throw new IllegalStateException("the archive's chain is damaged (" + String.join("; ", parsed.unreadable())
            + "); run audit verify");
      }
      List<ChainLink> links = parsed.links();
      HeadCheck.refusal(links, anchor).ifPresent(cut -> {
        throw new IllegalStateException("the archive's chain no longer holds its anchored head (" + cut + "); run audit verify");
      });
      ChainLink last = links.isEmpty() ? null : links.get(links.size() - 1);
      Optional<ChainLink> done = links.stream().filter(l -> l.runId().equals(runId)).findFirst();
      if (done.isPresent()) {
        if (done.get() == last) {
          // A retry after the chain line was appended but before its head copy was written.
          anchor.ifPresent(a -> a.record(last));
        }
        return result(done.get());
      }
      long sequence = last == null ? 1 : last.sequence() + 1;
      String previous = last == null ? null : last.manifest();
      Instant now = Instant.now();
      try {
        Path stage = staging.resolve(runId);
        EvidenceStore.deleteRecursively(stage);
        Files.createDirectories(stage);
        SortedMap<String, String> hashes = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
          writeDurably(stage.resolve(file.getKey()), file.getValue());
          hashes.put(file.getKey(), EvidenceStore.sha256(file.getValue()));
        }
        byte[] manifest = ArchiveJson.pretty(new ArchiveManifest(ArchiveManifest.FORMAT, sequence, runId, now, previous, hashes));
        writeDurably(stage.resolve(MANIFEST), manifest);
        forceDirectory(stage);
        Path target = runs.resolve(runId);
        EvidenceStore.deleteRecursively(target);
        Files.createDirectories(runs);
        forceDirectory(root);
        Files.move(stage, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(runs);
        forceDirectory(staging);
        ChainLink link = new ChainLink(sequence, runId, EvidenceStore.sha256(manifest), previous, now);
        chain.append(link);
        anchor.ifPresent(a -> a.record(link));
        return result(link);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot archive run " + runId, e);
      }
    });
  }

  static boolean isSafe(String runId) {
    return runId != null && SAFE_ID.matcher(runId).matches() && !runId.contains("..");
  }

  private static ArchiveResult result(ChainLink link) {
    return new ArchiveResult(link.runId(), link.sequence(), link.manifest(), link.previous());
  }

  private static void writeDurably(Path file, byte[] content) throws IOException {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(content);
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
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
}
