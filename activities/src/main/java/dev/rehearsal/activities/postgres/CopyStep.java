package dev.rehearsal.activities.postgres;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.activities.steps.StepFailure;
import dev.rehearsal.activities.steps.WriteGuard;
import dev.rehearsal.plan.CopySpec;
import dev.rehearsal.plan.RestoreSpec;
import dev.rehearsal.plan.SnapshotSpec;
import dev.rehearsal.workflows.postgres.CopyInput;
import dev.rehearsal.workflows.postgres.RestoreInput;
import dev.rehearsal.workflows.postgres.SnapshotInput;
import dev.rehearsal.workflows.postgres.SnapshotResult;
import dev.rehearsal.workflows.steps.EvidenceRef;
import dev.rehearsal.workflows.steps.StepFailureType;
import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.activity.ActivityExecutionContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code postgres.copy} step: the production guard on the resolved target, the method ({@code auto} measures the
 * source's shape), then either a stream ({@link StreamCopy}) or exactly what a {@code postgres.snapshot} and a
 * {@code postgres.restore} step do, one after the other. Either way the snapshot is kept and the copy verified.
 */
final class CopyStep {
  private static final Logger log = LoggerFactory.getLogger(CopyStep.class);

  private final EvidenceStore evidence;
  private final SnapshotStep snapshots;
  private final RestoreStep restores;
  private final StreamCopy streams;

  CopyStep(EvidenceStore evidence, PgTools tools, SnapshotStep snapshots, RestoreStep restores) {
    this.evidence = evidence;
    this.snapshots = snapshots;
    this.restores = restores;
    this.streams = new StreamCopy(evidence, tools, snapshots, restores);
  }

  SnapshotResult run(ActivityExecutionContext context, CopyInput input, SecretScope secrets) {
    // At once: measuring the source and asking the tools' versions come before the first phase that heartbeats.
    context.heartbeat(Map.of("phase", "starting"));
    int attempt = context.getInfo().getAttempt();
    String runId = context.getInfo().getWorkflowId();
    CopySpec spec = input.spec();
    WriteGuard.check(Map.of(input.targetName(), input.target()), input.guardPatterns(), secrets, attempt);
    PgAddress source = PgAddress.parse(secrets.resolve(input.source().address()));
    PgAddress target = PgAddress.parse(secrets.resolve(input.target().address()));
    if (source.describe().equals(target.describe())) {
      throw StepFailure.of(StepFailureType.GUARD_REFUSED, "target '" + input.targetName() + "' resolves to the source "
          + source.describe() + "; a copy recreates its target and would drop the source", attempt);
    }
    CopyPhases phases = new CopyPhases();
    long deadline = System.nanoTime() + input.timeoutMillis() * 1_000_000L;
    int jobs = PgSteps.jobs(spec.jobs());
    Map<String, Object> how = new LinkedHashMap<>();
    SourceShape.Choice choice = phases.time("measureSource", () -> choose(spec, source, jobs, how, attempt));
    how.put("method", choice.method());
    how.put("reason", choice.reason());
    log.info("step {} attempt {}: copy of {} into {} by {} ({})", input.step(), attempt, source.describe(), target.describe(),
        choice.method(), choice.reason());
    // A crashed attempt may have left a dump, whole or partial: only this attempt's may be kept.
    for (int earlier = 1; earlier < attempt; earlier++) {
      evidence.deleteDirectory(runId, input.step() + ".a" + earlier + ".dump");
      evidence.deleteDirectory(runId, input.step() + ".a" + earlier + ".dump.partial");
    }

    SnapshotSpec snapshotSpec = new SnapshotSpec(spec.from(), jobs, 0, null, null, null, null, spec.noOwner(), spec.noPrivileges(), null,
        spec.timeout());
    RestoreSpec restoreSpec = new RestoreSpec(spec.to(), input.step(), RestoreSpec.Mode.recreate, jobs, spec.noOwner(), spec.noPrivileges(),
        spec.timeout());
    String prefix = "copied by " + choice.method() + " (" + choice.reason() + "): ";
    StreamCopy.Copied copied = choice.method() == CopySpec.Method.stream
        ? streams.run(context, input.step(), snapshotSpec, restoreSpec, source, target, secrets, how, phases, deadline)
        : throughDirectory(context, input, snapshotSpec, restoreSpec, secrets, how, phases, deadline);
    List<EvidenceRef> refs = new ArrayList<>(copied.refs());
    // Its own write is the one phase it cannot include.
    how.put("phaseSeconds", phases.report());
    refs.add(evidence.put(runId, input.step() + ".a" + attempt + ".copy.json", PgSteps.json(how), false));
    return new SnapshotResult(new StepResult(secrets.mask(prefix + copied.summary()), refs, attempt), copied.snapshot());
  }

  /**
   * What a postgres.snapshot step and then a postgres.restore step of that snapshot do, except that the restore starts
   * as soon as the dump is written: the dump's manifest is hashed and its files flushed to disk beside the restore
   * (which reads the same files), and the snapshot is sealed with that manifest before the copy is verified. A
   * separate restore step re-hashes a snapshot taken earlier; here the one hash is taken while it is restored. Each
   * table's file is hashed and flushed as soon as pg_dump has finished it ({@link FinishedDumpFiles}), so most of
   * that work overlaps the dump; {@code how} gets how many files were.
   */
  private StreamCopy.Copied throughDirectory(ActivityExecutionContext context, CopyInput input, SnapshotSpec snapshotSpec,
      RestoreSpec restoreSpec, SecretScope secrets, Map<String, Object> how, CopyPhases phases, long deadline) {
    String runId = context.getInfo().getWorkflowId();
    try (FinishedDumpFiles finished = new FinishedDumpFiles(evidence.directory(runId, SnapshotStep.dumpName(input.step(), context.getInfo().getAttempt())))) {
      return throughDirectory(context, input, snapshotSpec, restoreSpec, secrets, how, phases, deadline, finished);
    }
  }

  private StreamCopy.Copied throughDirectory(ActivityExecutionContext context, CopyInput input, SnapshotSpec snapshotSpec,
      RestoreSpec restoreSpec, SecretScope secrets, Map<String, Object> how, CopyPhases phases, long deadline, FinishedDumpFiles finished) {
    String runId = context.getInfo().getWorkflowId();
    SnapshotStep.Dumped dumped = snapshots.dump(context, new SnapshotInput(input.step(), snapshotSpec, input.timeoutMillis(), input.source()),
        secrets, phases, false, finished);
    try (DumpSealing<SnapshotResult> sealing = new DumpSealing<>(() -> {
      Map<java.nio.file.Path, String> hashed = finished.finish();
      how.put("filesHashedDuringDump", hashed.size());
      List<EvidenceRef> sealed = evidence.sealDirectory(runId, dumped.dumpName(), hashed);
      EvidenceStore.sync(evidence.directory(runId, dumped.dumpName()), hashed.keySet());
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("the restore ended first");
      }
      return snapshots.seal(runId, dumped, sealed, secrets, phases);
    })) {
      long left = Math.max(1, PgSteps.remaining(deadline).toMillis());
      RestoreInput restoreInput = new RestoreInput(input.step(), restoreSpec, left, input.targetName(), input.target(), null, input.guardPatterns());
      StepResult restored = restores.restore(context, restoreInput, secrets, dumped.listing().dumped(), dumped.dumpName(),
          refs -> PgSteps.heartbeating(context, sealing::join, deadline, "hashing the dump", dumped.attempt()).snapshot(),
          dumped.listing().toc(), phases);
      SnapshotResult snapshot = sealing.join();
      List<EvidenceRef> refs = new ArrayList<>(snapshot.step().evidence());
      refs.addAll(restored.evidence());
      return new StreamCopy.Copied(snapshot.snapshot(), refs, snapshot.step().summary() + "; " + restored.summary());
    }
  }

  /** The plan's method, or for {@code auto} the one the source's shape calls for (the shape joins {@code how}). */
  private static SourceShape.Choice choose(CopySpec spec, PgAddress source, int jobs, Map<String, Object> how, int attempt) {
    if (spec.method() != CopySpec.Method.auto) {
      return new SourceShape.Choice(spec.method(), "as the plan says");
    }
    try (Connection connection = PgConnections.open(source, attempt)) {
      SourceShape shape = SourceShape.of(connection);
      how.put("sourceShape", shape);
      return shape.choose(jobs);
    } catch (SQLException e) {
      throw PgConnections.failure("measuring " + source.describe(), e, attempt);
    }
  }
}
