package dev.rehearsal.api.rehearsals;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchiveVerifier.Problem;
import dev.rehearsal.activities.archive.ArchivedRun;
import dev.rehearsal.activities.archive.ChainLink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks the run index ({@code index/runs.jsonl}, a plain file) against the hash-chained archive: an archived run
 * whose line says something else, a line that says a run closed long ago that the archive lacks, and an archived
 * run the index lost (list and export would leave it out).
 */
public final class IndexAudit {
  static final String FILE = "index/runs.jsonl";
  /** A run is archived moments after it closes; one still missing after this is a problem. */
  private static final Duration ARCHIVE_GRACE = Duration.ofMinutes(10);

  private IndexAudit() {}

  /** Problems between the index in {@code dataDir} as it is on disk now and {@code archive}; none when there is no index. */
  public static List<Problem> problems(Path dataDir, Archive archive, Instant now) {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    Map<String, RunSummary> indexed = new LinkedHashMap<>();
    try {
      new JsonLinesFile<>(file, RunSummary.class).readAll().forEach(run -> indexed.merge(run.id(), run, (start, close) -> close));
    } catch (RuntimeException unreadable) {
      return List.of(new Problem(null, FILE, "unreadable: " + unreadable.getMessage()));
    }
    List<Problem> problems = new ArrayList<>();
    for (RunSummary line : indexed.values()) {
      Optional<ArchivedRun> archived = archive.find(line.id());
      if (archived.isPresent()) {
        compare(line, archived.get(), problems);
      } else if (line.isFinal() && line.finishedAt() != null && line.finishedAt().isBefore(now.minus(ARCHIVE_GRACE))) {
        problems.add(new Problem(line.id(), FILE, "the index says the run closed at " + line.finishedAt()
            + " but the archive does not hold it"));
      }
    }
    for (ChainLink link : archive.links()) {
      if (!indexed.containsKey(link.runId())) {
        problems.add(new Problem(link.runId(), FILE, "archived, but missing from the run index: list and export leave it out"));
      }
    }
    return problems;
  }

  private static void compare(RunSummary line, ArchivedRun archived, List<Problem> problems) {
    RunSummary truth;
    try {
      truth = RunSummary.of(archived.state());
    } catch (RuntimeException damaged) {
      return; // The archive check reports the damaged state file.
    }
    List<String> differ = new ArrayList<>();
    differ(differ, "plan", line, truth, RunSummary::plan);
    differ(differ, "environment", line, truth, RunSummary::environment);
    differ(differ, "releaseCandidate", line, truth, RunSummary::releaseCandidate);
    differ(differ, "initiator", line, truth, RunSummary::initiator);
    if (line.isFinal()) {
      // A start line's time is the API's clock, not the run's; a close line is copied from the run's state.
      differ(differ, "startedAt", line, truth, RunSummary::startedAt);
      differ(differ, "status", line, truth, RunSummary::status);
      differ(differ, "finishedAt", line, truth, RunSummary::finishedAt);
      differ(differ, "approvers", line, truth, RunSummary::approvers);
    }
    if (!differ.isEmpty()) {
      problems.add(new Problem(line.id(), FILE, "the index disagrees with the archive (" + String.join("; ", differ)
          + "): the index was edited; list and export show the archived values"));
    }
  }

  private static void differ(List<String> differ, String field, RunSummary line, RunSummary truth, Function<RunSummary, Object> value) {
    if (!Objects.equals(value.apply(line), value.apply(truth))) {
      differ.add(field + " " + value.apply(line) + " where the archive says " + value.apply(truth));
    }
  }
}
