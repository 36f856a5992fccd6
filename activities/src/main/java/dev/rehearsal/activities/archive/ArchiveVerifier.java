package dev.rehearsal.activities.archive;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.plan.LoneSurrogates;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.ReplayResults;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks the archive the way an auditor would distrust it: re-hashes every archived file and every evidence file the
 * runs' indexes pin, walks the manifest chain link by link, and replays every archived history against the workflow
 * code of this build. Reports every problem rather than stopping at the first.
 */
public class ArchiveVerifier {
  private final Archive archive;
  private final EvidenceStore evidence;

  /** For a copy of a data directory (the {@code audit verify} command). */
  public ArchiveVerifier(Path dataDir) {
    this(new Archive(dataDir), new EvidenceStore(dataDir));
  }

  public ArchiveVerifier(Archive archive, EvidenceStore evidence) {
    this.archive = archive;
    this.evidence = evidence;
  }

  public Verification verify() {
    return verify(Optional.empty());
  }

  /** @param expectHead a chain head an auditor recorded earlier (its manifest sha256): the chain must still hold it */
  public Verification verify(Optional<String> expectHead) {
    List<Problem> problems = new ArrayList<>();
    // The chain, the directory listing and the head copy are read together under the writers' lock, so a write
    // finishing between the reads is not mistaken for an unchained run; the hashing that follows runs unlocked.
    record Snapshot(ArchiveChain.Parsed chain, List<String> directories, List<Problem> heads) {}
    Snapshot snapshot = archive.chain().locked(() -> {
      ArchiveChain.Parsed parsed = archive.chain().parse();
      return new Snapshot(parsed, runDirectories(problems), HeadCheck.problems(parsed.links(), archive.anchor(), expectHead));
    });
    ArchiveChain.Parsed chain = snapshot.chain();
    chain.unreadable().forEach(message -> problems.add(new Problem(null, "chain.jsonl", message)));
    problems.addAll(snapshot.heads());
    List<ChainLink> links = chain.links();
    Map<String, WorkflowExecutionHistory> histories = new HashMap<>();
    Set<String> chained = new HashSet<>();
    String previous = null;
    for (int i = 0; i < links.size(); i++) {
      ChainLink link = links.get(i);
      if (link.sequence() != i + 1) {
        problems.add(new Problem(link.runId(), "chain.jsonl", "link " + (i + 1) + " has sequence " + link.sequence()
            + ": a run before it was removed from the chain"));
      }
      if (!Objects.equals(link.previous(), previous)) {
        problems.add(new Problem(link.runId(), "chain.jsonl", "link " + link.sequence()
            + " does not point at the manifest before it: the chain was edited"));
      }
      if (!chained.add(link.runId())) {
        problems.add(new Problem(link.runId(), "chain.jsonl", "the run is in the chain twice"));
      }
      previous = link.manifest();
      try {
        verifyRun(link, problems).ifPresent(history -> histories.put(link.runId(), history));
      } catch (RuntimeException e) {
        problems.add(new Problem(link.runId(), null, "cannot be checked: " + firstLine(e)));
      }
    }
    snapshot.directories().stream().filter(id -> !chained.contains(id)).forEach(id -> problems.add(
        new Problem(id, null, "archived but not in the chain (its link was removed, or its archiving is still under way)")));
    replay(histories, problems);
    ChainLink head = links.isEmpty() ? null : links.get(links.size() - 1);
    return new Verification(problems.isEmpty(), links.size(), head == null ? 0 : head.sequence(),
        head == null ? null : head.manifest(), List.copyOf(problems));
  }

  private Optional<WorkflowExecutionHistory> verifyRun(ChainLink link, List<Problem> problems) {
    String id = link.runId();
    Path dir = archive.runsDirectory().resolve(id);
    if (!Files.isDirectory(dir)) {
      problems.add(new Problem(id, null, "the archived run is missing (its directory was deleted)"));
      return Optional.empty();
    }
    byte[] manifestBytes = read(dir.resolve(Archive.MANIFEST));
    if (manifestBytes == null) {
      problems.add(new Problem(id, Archive.MANIFEST, "missing"));
      return Optional.empty();
    }
    if (!EvidenceStore.sha256(manifestBytes).equals(link.manifest())) {
      problems.add(new Problem(id, Archive.MANIFEST, "does not match the hash the chain recorded for it: it was changed"));
    }
    ArchiveManifest manifest;
    try {
      manifest = ArchiveJson.read(manifestBytes, ArchiveManifest.class);
    } catch (IOException e) {
      problems.add(new Problem(id, Archive.MANIFEST, "is not a readable manifest"));
      return Optional.empty();
    }
    if (manifest == null || manifest.files() == null) {
      problems.add(new Problem(id, Archive.MANIFEST, "is not a readable manifest"));
      return Optional.empty();
    }
    if (manifest.sequence() != link.sequence() || !Objects.equals(manifest.previous(), link.previous()) || !id.equals(manifest.runId())) {
      problems.add(new Problem(id, Archive.MANIFEST, "its sequence, run or previous hash disagree with the chain"));
    }
    boolean historyIntact = true;
    for (Map.Entry<String, String> file : manifest.files().entrySet()) {
      Path path = dir.resolve(file.getKey()).normalize();
      byte[] bytes = path.getParent().equals(dir) ? read(path) : null;
      if (bytes == null) {
        problems.add(new Problem(id, file.getKey(), "missing"));
        historyIntact &= !Archive.HISTORY.equals(file.getKey());
      } else if (!EvidenceStore.sha256(bytes).equals(file.getValue())) {
        problems.add(new Problem(id, file.getKey(), "sha256 differs from the manifest: it was changed"));
        historyIntact &= !Archive.HISTORY.equals(file.getKey());
      }
    }
    try (Stream<Path> present = Files.list(dir)) {
      present.map(p -> p.getFileName().toString())
          .filter(name -> !name.equals(Archive.MANIFEST) && !manifest.files().containsKey(name))
          .forEach(name -> problems.add(new Problem(id, name, "not in the manifest: added after archiving")));
    } catch (IOException e) {
      problems.add(new Problem(id, null, "the archived run's directory is unreadable"));
    }
    verifyEvidence(id, dir, problems);
    if (!historyIntact) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ArchivedRun(id, dir).history());
    } catch (RuntimeException e) {
      problems.add(new Problem(id, Archive.HISTORY, "is not a Temporal history"));
      return Optional.empty();
    }
  }

  private void verifyEvidence(String id, Path dir, List<Problem> problems) {
    byte[] json = read(dir.resolve(Archive.EVIDENCE_INDEX));
    if (json == null) {
      return;
    }
    EvidenceIndex index;
    try {
      index = ArchiveJson.read(json, EvidenceIndex.class);
      if (index == null || index.files() == null) {
        throw new IOException("empty");
      }
    } catch (IOException e) {
      problems.add(new Problem(id, Archive.EVIDENCE_INDEX, "is not a readable evidence index"));
      return;
    }
    Path evidenceDir = evidence.runDirectory(id);
    Set<String> indexed = new HashSet<>();
    for (EvidenceIndex.Entry entry : index.files()) {
      indexed.add(entry.path());
      Path file = evidenceDir.resolve(entry.path()).normalize();
      String where = "evidence/" + entry.path();
      if (!file.startsWith(evidenceDir) || !Files.isRegularFile(file)) {
        problems.add(new Problem(id, where, "missing"));
        continue;
      }
      try {
        if (!EvidenceStore.sha256(file).equals(entry.sha256())) {
          problems.add(new Problem(id, where, "sha256 differs from the evidence index: it was changed"));
        }
      } catch (IOException e) {
        problems.add(new Problem(id, where, "unreadable"));
      }
    }
    if (Files.isDirectory(evidenceDir)) {
      try (Stream<Path> walk = Files.walk(evidenceDir)) {
        walk.filter(Files::isRegularFile).map(f -> evidenceDir.relativize(f).toString())
            .filter(path -> !indexed.contains(path)).sorted()
            .forEach(path -> problems.add(new Problem(id, "evidence/" + path, "not in the evidence index: added after archiving")));
      } catch (IOException e) {
        problems.add(new Problem(id, "evidence", "unreadable"));
      }
    }
  }

  private List<String> runDirectories(List<Problem> problems) {
    Path runs = archive.runsDirectory();
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(runs)) {
      return dirs.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      problems.add(new Problem(null, "runs", "unreadable"));
      return List.of();
    }
  }

  private static void replay(Map<String, WorkflowExecutionHistory> histories, List<Problem> problems) {
    if (histories.isEmpty()) {
      return;
    }
    try {
      ReplayResults results = WorkflowReplayer.replayWorkflowExecutions(histories.values(), false, RehearsalWorkflowImpl.class);
      for (ReplayResults.ReplayError error : results.allErrors()) {
        problems.add(new Problem(error.workflowId, Archive.HISTORY,
            "does not replay against this build's workflow code: " + firstLine(error.exception)));
      }
    } catch (Exception e) {
      problems.add(new Problem(null, Archive.HISTORY, "replay could not run: " + firstLine(e)));
    }
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static byte[] read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** One thing wrong: the run it concerns (if any), the file, and what is wrong with it. */
  public record Problem(String run, String file, String message) {
    /** Problems quote what they found (an edited file may hold text that is not valid Unicode): kept writable as JSON. */
    public Problem {
      run = LoneSurrogates.escaped(run);
      file = LoneSurrogates.escaped(file);
      message = LoneSurrogates.escaped(message);
    }

    @Override
    public String toString() {
      return (run == null ? "" : run + ": ") + (file == null ? "" : file + ": ") + message;
    }
  }

  /** The outcome; {@code headSequence} and {@code headManifest} let an auditor anchor the chain's end elsewhere. */
  public record Verification(boolean ok, int runs, long headSequence, String headManifest, List<Problem> problems) {
    /** This outcome with further problems found elsewhere (the run index). */
    public Verification with(List<Problem> more) {
      List<Problem> all = new ArrayList<>(problems);
      all.addAll(more);
      return new Verification(all.isEmpty(), runs, headSequence, headManifest, List.copyOf(all));
    }
  }
}
