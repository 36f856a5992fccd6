package dev.rehearsal.activities.postgres;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.activities.steps.StepFailure;
import dev.rehearsal.plan.RestoreSpec;
import dev.rehearsal.plan.SnapshotSpec;
import dev.rehearsal.workflows.postgres.SnapshotRef;
import dev.rehearsal.workflows.steps.EvidenceRef;
import dev.rehearsal.workflows.steps.StepFailureType;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A streamed copy: {@code pg_dump -Fc} of one exported snapshot of the source, piped into {@code pg_restore} into a
 * freshly recreated target and into the evidence store at once (see {@link DumpPipe}), then listed, its census
 * narrowed to what it holds, and the copy verified against it. The dump is written as {@code <name>.partial} and
 * renamed only once both tools succeeded, so a half-written file is never evidence of a snapshot.
 */
final class StreamCopy {
  private final EvidenceStore evidence;
  private final PgTools tools;
  private final SnapshotStep snapshots;
  private final RestoreStep restores;

  StreamCopy(EvidenceStore evidence, PgTools tools, SnapshotStep snapshots, RestoreStep restores) {
    this.evidence = evidence;
    this.tools = tools;
    this.snapshots = snapshots;
    this.restores = restores;
  }

  /** What a finished stream copy took and left: its snapshot, evidence, and the parts of its summary. */
  record Copied(SnapshotRef snapshot, List<EvidenceRef> refs, String summary) {}

  Copied run(ActivityExecutionContext context, String step, SnapshotSpec snapshotSpec, RestoreSpec restoreSpec, PgAddress source,
      PgAddress targetAddress, SecretScope secrets, Map<String, Object> how, CopyPhases phases, long deadline) {
    int attempt = context.getInfo().getAttempt();
    String runId = context.getInfo().getWorkflowId();
    String dumpVersion = tools.version("pg_dump");
    String restoreVersion = tools.version("pg_restore");
    String prefix = step + ".a" + attempt;
    String dumpName = prefix + ".dump";
    Path partial = evidence.directory(runId, dumpName + ".partial");
    List<EvidenceRef> refs = new ArrayList<>();
    // Every attempt starts from a clean target: a killed attempt's half-restored database is dropped here.
    phases.time("recreateTarget", () -> PgSteps.heartbeating(context, () -> {
      RestoreStep.recreate(targetAddress, targetAddress.database(), attempt);
      return true;
    }, deadline, "recreating the database", attempt));

    try {
      Files.createDirectories(partial.getParent());
      Files.deleteIfExists(partial);
      Census census;
      String serverVersion;
      DumpPipe.Outcome copy;
      Map<String, Long> counted;
      List<String> restoreArgs = new ArrayList<>(RestoreStep.restoreArguments(restoreSpec, 1, targetAddress, null));
      restoreArgs.add(1, "--verbose");
      try (Connection connection = SnapshotStep.openSnapshotTransaction(source, attempt); Connection copyConnection = PgConnections.openBesideTools(targetAddress, attempt);
          EarlyCounts early = new EarlyCounts(copyConnection, null)) {
        serverVersion = SnapshotStep.checkedServerVersion(connection, source, dumpVersion, attempt);
        String snapshotId = PgConnections.queryString(connection, "select pg_export_snapshot()");
        try (BackgroundQuery<Census> counting = BackgroundQuery.start(running -> Census.take(connection, null, running))) {
          DumpPipe pipe = DumpPipe.start(tools, source, SnapshotStep.dumpArguments(snapshotSpec, 1, snapshotId, source, null),
              targetAddress, restoreArgs, partial, early);
          long piping = System.nanoTime();
          copy = pipe.await(context, PgSteps.remaining(deadline), () -> Map.of("phase", "copying", "copiedBytes", pipe.bytes()));
          phases.add("dumpIntoRestore", piping);
          phases.time("evidence", () -> {
            refs.add(log(runId, prefix + ".pg_dump.log", copy.dumpLog(), secrets));
            refs.add(log(runId, prefix + ".pg_restore.log", copy.restoreLog(), secrets));
          });
          failIfBroken(copy, secrets, attempt, refs);
          census = phases.time("waitForSourceCensus",
              () -> counting.await(context, deadline, "counting rows", "counting rows of " + source.describe(), attempt));
        }
        counted = phases.time("waitForEarlyCounts", () -> early.awaitCounted(context, deadline, attempt));
        connection.rollback();
      } catch (SQLException e) {
        throw PgConnections.failure("copy of " + source.describe(), e, attempt);
      }
      Path file = Files.move(partial, evidence.directory(runId, dumpName), StandardCopyOption.ATOMIC_MOVE);
      EvidenceRef dumpRef = new EvidenceRef(dumpName, copy.bytes(), copy.sha256(), false);
      refs.add(0, dumpRef);

      // The dump is listed while the copy's census counts what was not counted during the restore.
      List<EvidenceRef> listed = new ArrayList<>();
      CompletableFuture<SnapshotStep.Listing> listing = CompletableFuture.supplyAsync(
          () -> snapshots.list(context, runId, prefix, file, census, deadline, attempt, listed), PgSteps.WORK);
      Census copyCensus;
      try {
        copyCensus = phases.time("targetCensus", () -> restores.census(context, targetAddress,
            RestoreStep.censusSchemas(snapshotSpec, census), counted, deadline, attempt));
      } catch (RuntimeException | Error failure) {
        listing.cancel(false);
        throw failure;
      }
      SnapshotStep.Listing dumped = phases.time("waitForListDump", () -> PgSteps.heartbeating(context, () -> join(listing), deadline,
          "listing the dump", attempt));
      refs.addAll(listed);
      Map<String, Object> report = SnapshotStep.report(source, serverVersion, dumpVersion, "custom", 1, snapshotSpec, copy.took(),
          dumpRef, "dumpSha256", dumped);
      EvidenceRef censusRef = phases.time("evidence", () -> evidence.put(runId, prefix + ".snapshot.json", PgSteps.json(report), false));
      refs.add(censusRef);
      SnapshotRef snapshot = new SnapshotRef(step, dumpRef, censusRef, snapshotSpec);

      Map<String, Object> restored = new LinkedHashMap<>(how);
      restored.put("mode", RestoreSpec.Mode.recreate);
      restored.put("jobs", 1);
      restored.put("pgRestoreVersion", restoreVersion);
      restored.put("copySeconds", copy.took().toMillis() / 1000.0);
      restores.compare(context, step, targetAddress, dumped.dumped(), snapshot, restored, refs, copyCensus, counted.size(), phases, attempt);
      return new Copied(snapshot, refs, SnapshotStep.summary(source, serverVersion, dumpVersion, "streamed into pg_restore", dumpRef,
          copy.took(), dumped.dumped()) + "; " + RestoreStep.summary(snapshot, targetAddress, copy.took(), dumped.dumped()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the dump of " + step, e);
    } finally {
      // Whatever stopped the copy (a failed tool, a timeout, a cancellation), its partial dump is no snapshot.
      partial.toFile().delete();
    }
  }

  /** The listing's value; its failure (a step failure) as it was thrown. */
  private static SnapshotStep.Listing join(CompletableFuture<SnapshotStep.Listing> listing) {
    try {
      return listing.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  /** A tool that failed or was killed fails the step, naming each tool that did not finish cleanly. */
  private static void failIfBroken(DumpPipe.Outcome copy, SecretScope secrets, int attempt, List<EvidenceRef> refs) {
    if (copy.dumpExit().isEmpty() || copy.restoreExit().isEmpty()) {
      throw StepFailure.of(StepFailureType.COMMAND_TIMED_OUT, "pg_dump and pg_restore killed at the step's timeout", attempt, refs);
    }
    List<String> failed = new ArrayList<>();
    if (copy.restoreExit().get() != 0) {
      failed.add("pg_restore exited " + copy.restoreExit().get() + ": " + secrets.mask(lastLine(copy.restoreLog())));
    }
    if (copy.dumpExit().get() != 0) {
      // When pg_restore failed first, pg_dump was stopped (or lost its reader): its exit says nothing more.
      failed.add(failed.isEmpty() ? "pg_dump exited " + copy.dumpExit().get() + ": " + secrets.mask(lastLine(copy.dumpLog()))
          : "pg_dump stopped with it (exit " + copy.dumpExit().get() + ")");
    }
    if (failed.isEmpty() && copy.sha256() == null) {
      failed.add("copying the dump failed: " + secrets.mask(String.valueOf(copy.copyError())));
    }
    if (!failed.isEmpty()) {
      throw StepFailure.of(StepFailureType.COMMAND_FAILED, String.join("; ", failed), attempt, refs);
    }
  }

  private EvidenceRef log(String runId, String name, String text, SecretScope secrets) {
    return evidence.put(runId, name, secrets.mask(text).getBytes(StandardCharsets.UTF_8), false);
  }

  /** The tool's last error line (pg_restore follows it with the failed command), else its last line. */
  private static String lastLine(String text) {
    List<String> lines = text.strip().lines().toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).contains("error: ")) {
        return lines.get(i);
      }
    }
    return lines.isEmpty() ? "(nothing on stderr)" : lines.get(lines.size() - 1);
  }
}
