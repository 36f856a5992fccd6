package dev.rehearsal.activities.postgres;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.activities.steps.StepFailure;
import dev.rehearsal.plan.SnapshotSpec;
import dev.rehearsal.workflows.postgres.SnapshotInput;
import dev.rehearsal.workflows.postgres.SnapshotRef;
import dev.rehearsal.workflows.postgres.SnapshotResult;
import dev.rehearsal.workflows.steps.EvidenceRef;
import dev.rehearsal.workflows.steps.StepFailureType;
import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.activity.ActivityExecutionContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code postgres.snapshot} step. One read-only repeatable-read transaction exports its snapshot; {@code pg_dump}
 * dumps exactly that snapshot while the census counts rows in it, so the census describes the dump byte for byte.
 */
final class SnapshotStep {
  private static final Logger log = LoggerFactory.getLogger(SnapshotStep.class);

  private final EvidenceStore evidence;
  private final PgTools tools;

  SnapshotStep(EvidenceStore evidence, PgTools tools) {
    this.evidence = evidence;
    this.tools = tools;
  }

  SnapshotResult run(ActivityExecutionContext context, SnapshotInput input, SecretScope secrets) {
    Dumped dumped = dump(context, input, secrets, CopyPhases.NONE, true, null);
    String runId = context.getInfo().getWorkflowId();
    List<EvidenceRef> sealed = PgSteps.heartbeating(context, () -> evidence.sealDirectory(runId, dumped.dumpName()), dumped.deadline(),
        "hashing the dump", dumped.attempt());
    return seal(runId, dumped, sealed, secrets, CopyPhases.NONE);
  }

  /**
   * A finished dump directory, listed but not yet hashed: what {@link #seal} turns into a snapshot.
   *
   * @param refs the evidence so far (the pg_dump log, the table of contents)
   */
  record Dumped(SnapshotInput input, PgAddress source, String serverVersion, String dumpVersion, int jobs, String prefix,
      String dumpName, PgTools.Outcome dump, Listing listing, List<EvidenceRef> refs, long deadline, int attempt) {}

  /**
   * Dumps the source into a directory in one exported snapshot while the census counts it, then lists the dump.
   * {@code sync} false leaves flushing the files to disk to the caller ({@code pg_dump --no-sync}); {@code dumpLines}
   * (when not null) gets each line of {@code pg_dump --verbose} as it comes.
   */
  Dumped dump(ActivityExecutionContext context, SnapshotInput input, SecretScope secrets, CopyPhases phases, boolean sync,
      Consumer<String> dumpLines) {
    int attempt = context.getInfo().getAttempt();
    String runId = context.getInfo().getWorkflowId();
    SnapshotSpec spec = input.spec();
    PgAddress source = PgAddress.parse(secrets.resolve(input.source().address()));
    Duration timeout = Duration.ofMillis(input.timeoutMillis());
    long deadline = System.nanoTime() + timeout.toNanos();
    String dumpVersion = tools.version("pg_dump");
    int jobs = PgSteps.jobs(spec.jobs());
    // Names carry the attempt: an attempt Temporal gave up on may still be finishing and must not overwrite these.
    String prefix = input.step() + ".a" + attempt;
    String dumpName = dumpName(input.step(), attempt);
    List<EvidenceRef> refs = new ArrayList<>();
    log.info("step {} attempt {}: snapshot of {} with {} jobs", input.step(), attempt, source.describe(), jobs);

    Census census;
    String serverVersion;
    PgTools.Outcome dump;
    try (Connection connection = openSnapshotTransaction(source, attempt)) {
      serverVersion = checkedServerVersion(connection, source, dumpVersion, attempt);
      String snapshotId = PgConnections.queryString(connection, "select pg_export_snapshot()");
      Path dir = PgSteps.heartbeating(context, () -> {
        for (int earlier = 1; earlier < attempt; earlier++) {
          evidence.deleteDirectory(runId, input.step() + ".a" + earlier + ".dump");
        }
        return evidence.freshDirectory(runId, dumpName);
      }, deadline, "removing earlier attempts' dumps", attempt);

      List<String> args = new ArrayList<>(dumpArguments(spec, jobs, snapshotId, source, dir));
      if (!sync) {
        args.add(1, "--no-sync");
      }
      if (dumpLines != null) {
        args.add(1, "--verbose");
      }
      try (BackgroundQuery<Census> counting = BackgroundQuery.start(running -> Census.take(connection, null, running))) {
        dump = phases.time("dump", () -> tools.run(context, source, args, timeout, () -> Map.of("dumpedBytes", EvidenceStore.size(dir)), dumpLines));
        refs.add(phases.time("evidence", () -> PgSteps.storeLog(evidence, runId, prefix + ".pg_dump.log", dump, secrets)));
        if (dump.exit().isEmpty()) {
          throw StepFailure.of(StepFailureType.COMMAND_TIMED_OUT, "pg_dump killed after the " + timeout.toSeconds() + "s timeout", attempt, refs);
        }
        if (dump.exit().get() != 0) {
          throw StepFailure.of(StepFailureType.COMMAND_FAILED, "pg_dump exited " + dump.exit().get() + ": " + secrets.mask(dump.lastError()), attempt, refs);
        }
        census = phases.time("waitForSourceCensus",
            () -> counting.await(context, deadline, "counting rows", "counting rows of " + source.describe(), attempt));
      }
      connection.rollback();
    } catch (SQLException e) {
      throw PgConnections.failure("snapshot of " + source.describe(), e, attempt);
    }

    Listing listing = phases.time("listDump", () -> list(context, runId, prefix, evidence.directory(runId, dumpName), census, deadline, attempt, refs));
    return new Dumped(input, source, serverVersion, dumpVersion, jobs, prefix, dumpName, dump, listing, refs, deadline, attempt);
  }

  /** The snapshot of a dump whose manifest {@code sealed} (its reference, then the manifest's): its report and summary. */
  SnapshotResult seal(String runId, Dumped d, List<EvidenceRef> sealed, SecretScope secrets, CopyPhases phases) {
    List<EvidenceRef> refs = new ArrayList<>(sealed);
    refs.addAll(d.refs());
    EvidenceRef dumpRef = sealed.get(0);
    SnapshotSpec spec = d.input().spec();
    Map<String, Object> report = report(d.source(), d.serverVersion(), d.dumpVersion(), "directory", d.jobs(), spec, d.dump().took(), dumpRef,
        "dumpManifestSha256", d.listing());
    EvidenceRef censusRef = phases.time("evidence", () -> evidence.put(runId, d.prefix() + ".snapshot.json", PgSteps.json(report), false));
    refs.add(censusRef);

    String summary = summary(d.source(), d.serverVersion(), d.dumpVersion(), d.jobs() + " jobs", dumpRef, d.dump().took(), d.listing().dumped());
    return new SnapshotResult(new StepResult(secrets.mask(summary), refs, d.attempt()),
        new SnapshotRef(d.input().step(), dumpRef, censusRef, spec));
  }

  /**
   * One read-only repeatable-read transaction on the source, whose snapshot the dump and the census share; the
   * census runs beside pg_dump, so without parallel workers.
   */
  static Connection openSnapshotTransaction(PgAddress source, int attempt) throws SQLException {
    Connection connection = PgConnections.openBesideTools(source, attempt);
    try {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** The source's version; a pg_dump older than the server fails at once, naming both. */
  static String checkedServerVersion(Connection connection, PgAddress source, String dumpVersion, int attempt) throws SQLException {
    String serverVersion = PgTools.serverVersion(Integer.parseInt(PgConnections.queryString(connection, "show server_version_num")));
    if (PgTools.major(dumpVersion) < PgTools.major(serverVersion)) {
      throw StepFailure.of(StepFailureType.INCOMPATIBLE_TOOL, "pg_dump " + dumpVersion + " is older than the server "
          + source.describe() + " (PostgreSQL " + serverVersion + "); install pg_dump " + PgTools.major(serverVersion)
          + " or newer on the worker", attempt);
    }
    return serverVersion;
  }

  /** A finished dump's table of contents, and the census narrowed to what the dump holds. */
  record Listing(TableOfContents toc, Census dumped) {}

  /** Lists a finished dump ({@code <prefix>.toc.txt} joins {@code refs}) and narrows the census to what it holds. */
  Listing list(ActivityExecutionContext context, String runId, String prefix, Path dump, Census census, long deadline, int attempt,
      List<EvidenceRef> refs) {
    PgTools.Outcome list = tools.run(context, null, List.of("pg_restore", "--list", dump.toString()), PgSteps.remaining(deadline), () -> null);
    if (list.exit().orElse(-1) != 0) {
      throw StepFailure.of(StepFailureType.COMMAND_FAILED, "pg_restore --list cannot read the dump: " + list.lastError(), attempt, refs);
    }
    refs.add(evidence.put(runId, prefix + ".toc.txt", list.stdout().getBytes(StandardCharsets.UTF_8), false));
    TableOfContents toc = TableOfContents.parse(list.stdout());
    // Sequences are not transactional: on a live source they move between the census and pg_dump's read, so the
    // values the copy must match are the ones in the dump.
    Census dumped = census.narrowedTo(toc.tableData(), toc.sequenceValues(), toc.schemas())
        .withSequences(dumpedSequences(context, dump, list.stdout(), deadline, attempt));
    return new Listing(toc, dumped);
  }

  /** What {@code <step>.a<n>.snapshot.json} holds; {@code hashKey} names the dump's sha256 (its manifest's, for a directory). */
  static Map<String, Object> report(PgAddress source, String serverVersion, String dumpVersion, String format, int jobs, SnapshotSpec spec,
      Duration took, EvidenceRef dumpRef, String hashKey, Listing listing) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("source", source.describe());
    report.put("serverVersion", serverVersion);
    report.put("pgDumpVersion", dumpVersion);
    report.put("format", format);
    report.put("jobs", jobs);
    report.put("compress", spec.compress());
    report.put("options", spec);
    report.put("dumpSeconds", took.toMillis() / 1000.0);
    report.put("dumpBytes", dumpRef.size());
    report.put(hashKey, dumpRef.sha256());
    report.put("tableOfContents", listing.toc().entries());
    report.put("census", listing.dumped());
    return report;
  }

  static String summary(PgAddress source, String serverVersion, String dumpVersion, String how, EvidenceRef dumpRef, Duration took,
      Census dumped) {
    return String.format(java.util.Locale.ROOT, "dumped %s (PostgreSQL %s) with pg_dump %s, %s: %s in %.1fs; %d tables, %,d rows, %d sequences",
        source.describe(), serverVersion, dumpVersion, how, PgSteps.megabytes(dumpRef.size()), took.toMillis() / 1000.0,
        dumped.rows().size(), dumped.totalRows(), dumped.sequences().size());
  }

  private static final java.util.regex.Pattern SETVAL =
      java.util.regex.Pattern.compile("setval\\('((?:[^']|'')+)', (-?\\d+), (true|false)\\)");

  /** The sequence values the dump will set, read from its SEQUENCE SET entries; null for a sequence never used. */
  private Map<String, Long> dumpedSequences(ActivityExecutionContext context, Path dump, String listing, long deadline, int attempt) {
    String entries = listing.lines().filter(l -> l.contains(" SEQUENCE SET ")).collect(java.util.stream.Collectors.joining("\n"));
    Map<String, Long> values = new java.util.TreeMap<>();
    if (entries.isEmpty()) {
      return values;
    }
    Path list = dump.resolveSibling(dump.getFileName() + ".sequences.list");
    try {
      java.nio.file.Files.writeString(list, entries + "\n");
      PgTools.Outcome sql = tools.run(context, null, List.of("pg_restore", "--data-only", "--use-list=" + list, "--file=-",
          dump.toString()), PgSteps.remaining(deadline), () -> null);
      if (sql.exit().orElse(-1) != 0) {
        throw StepFailure.of(StepFailureType.COMMAND_FAILED, "pg_restore cannot read the dump's sequence values: " + sql.lastError(), attempt);
      }
      java.util.regex.Matcher m = SETVAL.matcher(sql.stdout());
      while (m.find()) {
        String name = m.group(1).replace("''", "'").replace("\"\"", "\u0000").replace("\"", "").replace("\u0000", "\"");
        values.put(name, Boolean.parseBoolean(m.group(3)) ? Long.parseLong(m.group(2)) : null);
      }
      return values;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list the dump's sequences", e);
    } finally {
      list.toFile().delete();
    }
  }

  /** Into directory {@code dir} with {@code jobs} jobs, or, when {@code dir} is null, in custom format to stdout (a stream). */
  static List<String> dumpArguments(SnapshotSpec spec, int jobs, String snapshotId, PgAddress source, Path dir) {
    List<String> args = new ArrayList<>(dir == null
        ? List.of("pg_dump", "--format=custom", "--compress=" + spec.compress(), "--snapshot=" + snapshotId, "--dbname=" + source.forTools())
        : List.of("pg_dump", "--format=directory", "--jobs=" + jobs, "--compress=" + spec.compress(), "--snapshot=" + snapshotId,
            "--file=" + dir, "--dbname=" + source.forTools()));
    spec.schemas().forEach(s -> args.add("--schema=" + s));
    spec.excludeSchemas().forEach(s -> args.add("--exclude-schema=" + s));
    spec.tables().forEach(t -> args.add("--table=" + t));
    spec.excludeTables().forEach(t -> args.add("--exclude-table=" + t));
    if (spec.noOwner()) {
      args.add("--no-owner");
    }
    if (spec.noPrivileges()) {
      args.add("--no-privileges");
    }
    if (spec.only() == SnapshotSpec.Content.schema) {
      args.add("--schema-only");
    } else if (spec.only() == SnapshotSpec.Content.data) {
      args.add("--data-only");
    }
    return args;
  }

  /** The directory an attempt's dump is written to (a copy step hashes its files as they are finished). */
  static String dumpName(String step, int attempt) {
    return step + ".a" + attempt + ".dump";
  }
}
