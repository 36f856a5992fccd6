package dev.rehearsal.workflows.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchiveVerifier;
import dev.rehearsal.activities.archive.ArchiveVerifier.Problem;
import dev.rehearsal.activities.archive.ChainLink;
import dev.rehearsal.activities.archive.EvidenceIndex;
import dev.rehearsal.activities.archive.HeadAnchor;
import dev.rehearsal.activities.evidence.EvidenceStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verify against an archive of real recorded runs: intact, it passes (histories replay against this build); any
 * changed byte, deleted run, cut chain link or unreplayable history is reported with its run and file.
 */
class ArchiveVerifierTest {
  private static final List<String> RUNS = List.of("happy-path-signed-off", "rejected", "postgres-snapshot-restore-signed-off");

  @TempDir Path data;
  @TempDir Path outside;
  private Archive archive;
  private EvidenceStore evidence;

  @BeforeEach
  void archiveThreeRuns() throws IOException {
    archive = new Archive(data, Optional.of(new HeadAnchor(outside.resolve("head.json"))));
    evidence = new EvidenceStore(data);
    for (String run : RUNS) {
      archiveRun(run, history(run));
    }
  }

  private void archiveRun(String run, String historyJson) {
    evidence.put(run, "step.a1.stdout.log", ("output of " + run + "\n").getBytes(StandardCharsets.UTF_8), false);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(Archive.HISTORY, historyJson.getBytes(StandardCharsets.UTF_8));
    files.put(Archive.STATE, ("{\"id\":\"" + run + "\"}").getBytes(StandardCharsets.UTF_8));
    files.put(Archive.EVIDENCE_INDEX, EvidenceStore.json(EvidenceIndex.of(evidence, run, () -> {})).getBytes(StandardCharsets.UTF_8));
    archive.write(run, files);
  }

  @Test
  void anIntactArchiveVerifiesAndItsHistoriesReplay() {
    ArchiveVerifier.Verification result = new ArchiveVerifier(data).verify();

    assertThat(result.problems()).isEmpty();
    assertThat(result.ok()).isTrue();
    assertThat(result.runs()).isEqualTo(3);
    assertThat(result.headSequence()).isEqualTo(3);
    assertThat(archive.links()).extracting(ChainLink::runId).containsExactlyElementsOf(RUNS);
    assertThat(archive.links().get(1).previous()).isEqualTo(archive.links().get(0).manifest());
  }

  @Test
  void aChangedByteInAnyArchivedFileIsReported() throws IOException {
    for (String file : List.of(Archive.HISTORY, Archive.STATE, Archive.EVIDENCE_INDEX, Archive.MANIFEST)) {
      Path copy = copyOfData(file);
      flipLastByte(copy.resolve("archive/runs/rejected").resolve(file));

      List<Problem> problems = new ArchiveVerifier(copy).verify().problems();

      assertThat(problems).as(file).isNotEmpty().allSatisfy(p -> assertThat(p.run()).isEqualTo("rejected"));
      assertThat(problems).as(file).extracting(Problem::file).contains(file);
    }
  }

  @Test
  void changedMissingOrAddedEvidenceIsReported() throws IOException {
    Files.writeString(evidence.runDirectory("rejected").resolve("step.a1.stdout.log"), "rewritten\n");
    Files.delete(evidence.runDirectory("happy-path-signed-off").resolve("step.a1.stdout.log"));
    Files.writeString(evidence.runDirectory(RUNS.get(2)).resolve("planted.log"), "after the fact\n");

    List<String> problems = new ArchiveVerifier(data).verify().problems().stream().map(Problem::toString).toList();

    assertThat(problems).containsExactlyInAnyOrder(
        "rejected: evidence/step.a1.stdout.log: sha256 differs from the evidence index: it was changed",
        "happy-path-signed-off: evidence/step.a1.stdout.log: missing",
        RUNS.get(2) + ": evidence/planted.log: not in the evidence index: added after archiving");
  }

  @Test
  void aDeletedRunIsReported() throws IOException {
    deleteTree(archive.root().resolve("runs/rejected"));

    ArchiveVerifier.Verification result = new ArchiveVerifier(data).verify();

    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).extracting(Problem::toString)
        .containsExactly("rejected: the archived run is missing (its directory was deleted)");
  }

  @Test
  void aRunCutOutOfTheChainIsReported() throws IOException {
    Path chain = archive.root().resolve("chain.jsonl");
    List<String> lines = Files.readAllLines(chain);
    Files.write(chain, List.of(lines.get(0), lines.get(2)));
    deleteTree(archive.root().resolve("runs/rejected"));

    List<String> problems = new ArchiveVerifier(data).verify().problems().stream().map(Problem::toString).toList();

    assertThat(problems).anyMatch(p -> p.contains("has sequence 3: a run before it was removed from the chain"));
    assertThat(problems).anyMatch(p -> p.contains("does not point at the manifest before it"));
  }

  @Test
  void aRemovedNewestRunIsCaughtByTheHeadCopyAndByTheHeadAnAuditorNoted() throws IOException {
    ArchiveVerifier.Verification intact = new ArchiveVerifier(archive, evidence).verify();
    assertThat(intact.problems()).isEmpty();
    String noted = intact.headManifest();
    assertThat(Files.readString(outside.resolve("head.json"))).contains(noted, RUNS.get(2));
    Path chain = archive.root().resolve("chain.jsonl");
    List<String> lines = Files.readAllLines(chain);
    Files.write(chain, lines.subList(0, 2));
    deleteTree(archive.root().resolve("runs").resolve(RUNS.get(2)));

    // Without the copy or a noted head, the shorter chain is self-consistent: exactly what needed an anchor.
    ArchiveVerifier.Verification unanchored = new ArchiveVerifier(data).verify();
    assertThat(unanchored.ok()).isTrue();
    String cutHead = unanchored.headManifest();
    assertThat(unanchored.headSequence()).isEqualTo(2);

    ArchiveVerifier.Verification anchored = new ArchiveVerifier(archive, evidence).verify();
    assertThat(anchored.ok()).isFalse();
    assertThat(anchored.problems()).extracting(Problem::toString).containsExactly(RUNS.get(2) + ": chain.jsonl: the chain ends at #2 "
        + cutHead + ", but the head copy in " + outside.resolve("head.json") + " is #3 " + noted + " (" + RUNS.get(2)
        + "): archived runs were removed from the end");
    assertThat(new ArchiveVerifier(data).verify(Optional.of(noted)).problems()).extracting(Problem::message)
        .containsExactly("the expected head " + noted + " is not in the chain (#2 " + cutHead + "): archived runs were removed or the chain was rewritten");
    assertThat(new ArchiveVerifier(data).verify(Optional.of("sha256:" + cutHead.toUpperCase())).ok()).isTrue();
    // Extending the cut chain would bury the cut under a new, consistent head.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> archiveRun("later", history("rejected")))
        .hasMessageContaining("no longer holds its anchored head");
  }

  @Test
  void theHeadCopyFollowsEveryArchiveAndMustLiveOutsideTheDataDirectory() throws IOException {
    archiveRun("later", history("rejected"));
    ArchiveVerifier.Verification result = new ArchiveVerifier(archive, evidence).verify(Optional.of(archive.links().get(2).manifest()));
    assertThat(result.problems()).isEmpty();
    assertThat(Files.readString(outside.resolve("head.json"))).contains("\"sequence\" : 4", result.headManifest(), "later");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new Archive(data, Optional.of(new HeadAnchor(data.resolve("elsewhere/head.json")))))
        .hasMessageContaining("must be outside the data directory");
  }

  @Test
  void aHistoryThisBuildCannotReplayIsReported() throws IOException {
    String foreign = history("happy-path-signed-off").replaceFirst("\"name\": \"RunCommand\"", "\"name\": \"RunHttpCheck\"");
    archiveRun("foreign-code", foreign);

    List<Problem> problems = new ArchiveVerifier(data).verify().problems();

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).run()).isEqualTo("foreign-code");
    assertThat(problems.get(0).message()).startsWith("does not replay against this build's workflow code");
  }

  @Test
  void aRetryAfterACrashBeforeTheChainLineWritesTheRunOnce() throws IOException {
    // As if the writer died after moving the run into place but before appending its chain line, and again while
    // appending the next one (a torn line). Cutting the line after the fact also left the head copy ahead; a real
    // crash there never wrote it, so this writer keeps none.
    archive = new Archive(data);
    Path chain = archive.root().resolve("chain.jsonl");
    List<String> lines = Files.readAllLines(chain);
    Files.writeString(chain, String.join("\n", lines.subList(0, 2)) + "\n{\"sequence\":3,\"runId\":\"postg");
    assertThat(new ArchiveVerifier(data).verify().problems()).extracting(Problem::message)
        .containsExactly("archived but not in the chain (its link was removed, or its archiving is still under way)");
    assertThat(archive.find(RUNS.get(2))).as("an interrupted write is not an archived run").isEmpty();

    archiveRun(RUNS.get(2), history(RUNS.get(2)));
    archiveRun(RUNS.get(2), history(RUNS.get(2)));

    assertThat(archive.links()).extracting(ChainLink::runId).containsExactlyElementsOf(RUNS);
    assertThat(new ArchiveVerifier(data).verify().problems()).isEmpty();
  }

  @Test
  void aDamagedChainIsReportedAndNotExtended() throws IOException {
    Path chain = archive.root().resolve("chain.jsonl");
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(chain));
    lines.set(1, "{}");
    Files.write(chain, lines);

    List<String> problems = new ArchiveVerifier(data).verify().problems().stream().map(Problem::toString).toList();

    assertThat(problems).contains("chain.jsonl: chain.jsonl line 2 is not a chain link");
    assertThat(problems).anyMatch(p -> p.startsWith("rejected: archived but not in the chain"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> archiveRun("later", history("rejected")))
        .hasMessageContaining("the archive's chain is damaged (chain.jsonl line 2 is not a chain link)");
    assertThat(archive.root().resolve("runs/later")).doesNotExist();
  }

  private Path copyOfData(String name) throws IOException {
    Path copy = Files.createTempDirectory(data.getParent(), "tampered-" + name);
    try (var files = Files.walk(data)) {
      for (Path source : files.toList()) {
        Path target = copy.resolve(data.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    return copy;
  }

  private static void flipLastByte(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 2] ^= 1;
    Files.write(file, bytes);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String history(String name) throws IOException {
    try (InputStream in = ArchiveVerifierTest.class.getResourceAsStream("/histories/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
