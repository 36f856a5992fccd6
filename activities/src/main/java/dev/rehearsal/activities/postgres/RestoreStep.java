package dev.rehearsal.activities.postgres;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.activities.steps.StepFailure;
import dev.rehearsal.activities.steps.WriteGuard;
import dev.rehearsal.plan.RestoreSpec;
import dev.rehearsal.plan.SnapshotSpec;
import dev.rehearsal.workflows.postgres.RestoreInput;
import dev.rehearsal.workflows.postgres.SnapshotRef;
import dev.rehearsal.workflows.steps.EvidenceRef;
import dev.rehearsal.workflows.steps.StepFailureType;
import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.activity.ActivityExecutionContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code postgres.restore} step: every attempt starts from a clean target (the database dropped and created again,
 * or {@code pg_restore --clean}), so an attempt cut short can never leave a half-restored database behind that a
 * later attempt reports as good; and no attempt reports success before the copy has been proven faithful against
 * the census taken with the snapshot.
 */
final class RestoreStep {
  private static final Logger log = LoggerFactory.getLogger(RestoreStep.class);
  private static final int DIFFERENCES_IN_MESSAGE = 10;

  private final EvidenceStore evidence;
  private final PgTools tools;

  RestoreStep(EvidenceStore evidence, PgTools tools) {
    this.evidence = evidence;
    this.tools = tools;
  }

  StepResult run(ActivityExecutionContext context, RestoreInput input, SecretScope secrets) {
    int attempt = context.getInfo().getAttempt();
    String runId = context.getInfo().getWorkflowId();
    SnapshotRef snapshot = input.snapshot();
    long deadline = System.nanoTime() + input.timeoutMillis() * 1_000_000L;
    WriteGuard.check(Map.of(input.targetName(), input.target()), input.guardPatterns(), secrets, attempt);
    Census source = sourceCensus(runId, snapshot, attempt);
    log.info("step {} attempt {}: restoring {} into {} ({})", input.step(), attempt, snapshot.step(), input.targetName(), input.spec().mode());

    // The dump is re-hashed while it is restored: both read the same files, and a mismatch fails the step below.
    CompletableFuture<List<String>> changed = CompletableFuture.supplyAsync(() -> changedFiles(runId, snapshot.dump()), PgSteps.WORK);
    try {
      return restore(context, input, secrets, source, snapshot.dump().name(), refs -> {
        List<String> tampered = PgSteps.heartbeating(context, changed::join, deadline, "checking the snapshot's hashes", attempt);
        if (!tampered.isEmpty()) {
          throw StepFailure.of(StepFailureType.COPY_MISMATCH, "snapshot " + snapshot.step() + " changed since it was taken: " + tampered, attempt, refs);
        }
        return snapshot;
      }, null, CopyPhases.NONE);
    } finally {
      changed.cancel(true);
    }
  }

  /**
   * What a snapshot's dump is restored as, checked once {@code pg_restore} has read it: a {@code postgres.restore}
   * checks it is unchanged since it was taken; a {@code postgres.copy} seals it (its manifest hashed beside the restore).
   * Given the evidence so far, so that a failure keeps it.
   */
  interface CheckedSnapshot {
    SnapshotRef after(List<EvidenceRef> refs);
  }

  /**
   * Restores dump {@code dumpName} (a directory, or a streamed snapshot's file) of this run into the target of {@code
   * input}, whose guard has been checked, and verifies the copy against {@code source}; {@code input.snapshot()} is
   * not read (a copy has none yet: {@code checked} gives it). With the dump's {@code toc} (a copy), each table is
   * counted as soon as its data is committed ({@link EarlyCounts}).
   */
  StepResult restore(ActivityExecutionContext context, RestoreInput input, SecretScope secrets, Census source, String dumpName,
      CheckedSnapshot checked, TableOfContents toc, CopyPhases phases) {
    int attempt = context.getInfo().getAttempt();
    String runId = context.getInfo().getWorkflowId();
    RestoreSpec spec = input.spec();
    PgAddress target = PgAddress.parse(secrets.resolve(input.target().address()));
    long deadline = System.nanoTime() + input.timeoutMillis() * 1_000_000L;
    int jobs = PgSteps.jobs(spec.jobs());
    String restoreVersion = tools.version("pg_restore");
    List<EvidenceRef> refs = new ArrayList<>();
    if (spec.mode() == RestoreSpec.Mode.recreate) {
      phases.time("recreateTarget", () -> PgSteps.heartbeating(context, () -> {
        recreate(target, target.database(), attempt);
        return true;
      }, deadline, "recreating the database", attempt));
    }
    long restoring = System.nanoTime();
    PgTools.Outcome restore;
    Map<String, Long> counted = Map.of();
    List<String> args = new ArrayList<>(restoreArguments(spec, jobs, target, evidence.directory(runId, dumpName)));
    if (toc != null) {
      args.add(1, "--verbose");
    }
    try (Connection monitor = PgConnections.open(target, attempt); Connection counting = toc == null ? null : PgConnections.openBesideTools(target, attempt);
        EarlyCounts early = toc == null ? null : new EarlyCounts(counting, jobs > 1 ? toc.tableDataById() : null)) {
      restore = tools.run(context, target, args, PgSteps.remaining(deadline), () -> Map.of("restoredBytes", databaseSize(monitor)), early);
      phases.add("restore", restoring);
      if (early != null && restore.exit().orElse(-1) == 0) {
        counted = phases.time("waitForEarlyCounts", () -> early.awaitCounted(context, deadline, attempt));
      }
    } catch (SQLException e) {
      throw PgConnections.failure("restore into " + target.describe(), e, attempt);
    }
    refs.add(phases.time("evidence", () -> PgSteps.storeLog(evidence, runId, input.step() + ".a" + attempt + ".pg_restore.log", restore, secrets)));
    if (restore.exit().isEmpty()) {
      throw StepFailure.of(StepFailureType.COMMAND_TIMED_OUT, "pg_restore killed at the step's timeout", attempt, refs);
    }
    if (restore.exit().get() != 0) {
      throw StepFailure.of(StepFailureType.COMMAND_FAILED, "pg_restore exited " + restore.exit().get() + ": " + secrets.mask(restore.lastError()), attempt, refs);
    }
    SnapshotRef snapshot = phases.time("waitForDumpHash", () -> checked.after(refs));

    Map<String, Object> how = new LinkedHashMap<>();
    how.put("mode", spec.mode());
    how.put("jobs", jobs);
    how.put("pgRestoreVersion", restoreVersion);
    how.put("restoreSeconds", restore.took().toMillis() / 1000.0);
    verify(context, input.step(), target, source, snapshot, how, refs, counted, phases, deadline, attempt);
    return new StepResult(secrets.mask(summary(snapshot, target, restore.took(), source)), refs, attempt);
  }

  static String summary(SnapshotRef snapshot, PgAddress target, java.time.Duration took, Census source) {
    return String.format(Locale.ROOT,
        "restored %s into %s in %.1fs; faithful copy: %d tables, %,d rows, %d sequences, %d schema objects match",
        snapshot.step(), target.describe(), took.toMillis() / 1000.0, source.rows().size(), source.totalRows(),
        source.sequences().size(), source.totalObjects());
  }

  /**
   * The faithful-copy verification: the copy's census against the source's. {@code <step>.a<n>.verification.json}
   * (with {@code how} the copy was made) joins {@code refs}; any difference fails the step.
   */
  void verify(ActivityExecutionContext context, String step, PgAddress target, Census source, SnapshotRef snapshot,
      Map<String, Object> how, List<EvidenceRef> refs, Map<String, Long> counted, CopyPhases phases, long deadline, int attempt) {
    Census copy = phases.time("targetCensus",
        () -> census(context, target, censusSchemas(snapshot.spec(), source), counted, deadline, attempt));
    compare(context, step, target, source, snapshot, how, refs, copy, counted.size(), phases, attempt);
  }

  /**
   * The comparison half of {@link #verify}, given the copy's census ({@code earlyCounted} of its tables counted while
   * pg_restore ran).
   */
  void compare(ActivityExecutionContext context, String step, PgAddress target, Census source, SnapshotRef snapshot,
      Map<String, Object> how, List<EvidenceRef> refs, Census copy, int earlyCounted, CopyPhases phases, int attempt) {
    String runId = context.getInfo().getWorkflowId();
    Census.Scope scope = new Census.Scope(snapshot.spec().only() != SnapshotSpec.Content.schema, !snapshot.spec().filtersTables());
    List<String> differences = source.differences(copy, scope);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("faithful", differences.isEmpty());
    report.put("snapshot", snapshot.step());
    report.put("target", target.describe());
    report.putAll(how);
    report.put("comparedRowsAndSequences", scope.data());
    report.put("comparedObjectCounts", scope.wholeSchemas());
    // Tables counted as soon as pg_restore committed their data, while it built indexes: as exact, and earlier.
    report.put("tablesCountedDuringRestore", earlyCounted);
    report.put("differences", differences);
    report.put("source", source);
    report.put("copy", copy);
    refs.add(phases.time("evidence", () -> evidence.put(runId, step + ".a" + attempt + ".verification.json", PgSteps.json(report), false)));
    if (!differences.isEmpty()) {
      String shown = String.join("; ", differences.subList(0, Math.min(DIFFERENCES_IN_MESSAGE, differences.size())));
      String more = differences.size() > DIFFERENCES_IN_MESSAGE ? " (and " + (differences.size() - DIFFERENCES_IN_MESSAGE) + " more)" : "";
      throw StepFailure.of(StepFailureType.COPY_MISMATCH, "the restored database is not a faithful copy of snapshot "
          + snapshot.step() + ": " + shown + more, attempt, refs);
    }
  }

  /**
   * What changed in a snapshot's dump since it was taken: files of a dump directory against its manifest, or the
   * single file of a streamed (custom-format) dump against its own sha256.
   */
  private List<String> changedFiles(String runId, EvidenceRef dump) {
    java.nio.file.Path file = evidence.directory(runId, dump.name());
    if (!java.nio.file.Files.isRegularFile(file)) {
      return evidence.changedFiles(runId, dump.name(), dump.sha256());
    }
    try {
      return EvidenceStore.sha256(file).equals(dump.sha256()) ? List.of() : List.of(dump.name());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot hash " + dump.name(), e);
    }
  }

  /** The census recorded with the snapshot, after checking it is the one the snapshot step sealed. */
  Census sourceCensus(String runId, SnapshotRef snapshot, int attempt) {
    byte[] report = evidence.read(runId, snapshot.census().name());
    if (!EvidenceStore.sha256(report).equals(snapshot.census().sha256())) {
      throw StepFailure.of(StepFailureType.COPY_MISMATCH, "the census of snapshot " + snapshot.step() + " (" + snapshot.census().name()
          + ") changed since it was taken", attempt);
    }
    return PgSteps.readJson(report, "census", Census.class);
  }

  /**
   * The copy's census: over every schema when the snapshot took whole databases (so leftovers in other schemas of a
   * cleaned target show), otherwise over the snapshot's schemas only.
   */
  Census census(ActivityExecutionContext context, PgAddress target, java.util.Collection<String> schemas, Map<String, Long> counted,
      long deadline, int attempt) {
    try (Connection connection = PgConnections.open(target, attempt)) {
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      try (BackgroundQuery<Census> counting = BackgroundQuery.start(running -> Census.take(connection, schemas, running, counted))) {
        return counting.await(context, deadline, "verifying the copy", "verifying " + target.describe(), attempt);
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw PgConnections.failure("verifying " + target.describe(), e, attempt);
    }
  }

  /** The schemas a copy's census covers: every one (null) unless the snapshot took only some, then the source's. */
  static java.util.Collection<String> censusSchemas(SnapshotSpec spec, Census source) {
    boolean schemaFiltered = !spec.schemas().isEmpty() || !spec.excludeSchemas().isEmpty();
    return schemaFiltered ? source.objects().keySet() : null;
  }

  /**
   * Drops and creates the database, keeping its owner, encoding and collation. Roles and their passwords belong to
   * the server, not the database, so staging credentials survive.
   */
  static void recreate(PgAddress target, String database, int attempt) {
    try (Connection admin = PgConnections.open(target.withDatabase("postgres"), attempt)) {
      admin.setAutoCommit(true);
      String owner;
      String settings = "";
      try (PreparedStatement s = admin.prepareStatement("select pg_get_userbyid(datdba), pg_encoding_to_char(encoding), "
          + "datcollate, datctype from pg_database where datname = ?")) {
        s.setString(1, database);
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            owner = r.getString(1);
            settings = " ENCODING " + literal(r.getString(2)) + " LC_COLLATE " + literal(r.getString(3))
                + " LC_CTYPE " + literal(r.getString(4));
          } else {
            owner = PgConnections.queryString(admin, "select current_user");
          }
        }
      }
      try (Statement s = admin.createStatement()) {
        try {
          // Plain first: it also stops autovacuum workers, which WITH (FORCE) refuses to do for a non-superuser.
          s.execute("DROP DATABASE IF EXISTS " + ident(database));
        } catch (SQLException inUse) {
          if (!"55006".equals(inUse.getSQLState())) {
            throw inUse;
          }
          // Sessions are still connected (a killed attempt's pg_restore, an application): end them.
          s.execute("DROP DATABASE IF EXISTS " + ident(database) + " WITH (FORCE)");
        }
        s.execute("CREATE DATABASE " + ident(database) + " OWNER " + ident(owner) + " TEMPLATE template0" + settings);
      }
    } catch (SQLException e) {
      throw PgConnections.failure("recreating database " + database + " on " + target.describe(), e, attempt);
    }
  }

  /**
   * Restores dump directory {@code dump}, or a streamed snapshot's custom-format file, or, when {@code dump} is null,
   * a custom-format archive from stdin (a stream, which only one job can read).
   */
  static List<String> restoreArguments(RestoreSpec spec, int jobs, PgAddress target, java.nio.file.Path dump) {
    boolean directory = dump != null && java.nio.file.Files.isDirectory(dump);
    List<String> args = new ArrayList<>(List.of("pg_restore", "--format=" + (directory ? "directory" : "custom"),
        "--jobs=" + (dump == null ? 1 : jobs), "--exit-on-error", "--dbname=" + target.forTools()));
    if (spec.mode() == RestoreSpec.Mode.clean) {
      args.addAll(List.of("--clean", "--if-exists"));
    }
    if (spec.noOwner()) {
      args.add("--no-owner");
    }
    if (spec.noPrivileges()) {
      args.add("--no-privileges");
    }
    if (dump != null) {
      args.add(dump.toString());
    }
    return args;
  }

  /** The restored database's size so far, or -1 when it cannot be read right now. */
  private static long databaseSize(Connection monitor) {
    try {
      return Long.parseLong(PgConnections.queryString(monitor, "select pg_database_size(current_database())"));
    } catch (SQLException | RuntimeException e) {
      return -1;
    }
  }

  private static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
