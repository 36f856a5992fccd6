package dev.rehearsal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.postgres.PgTools;
import dev.rehearsal.activities.postgres.PostgresActivitiesImpl;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.testing.PostgresServers;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflowImpl;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.steps.EvidenceRef;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Snapshot + restore of a generated ~1 GB database through Rehearsal, against the same {@code pg_dump -Fd -j N -Z0}
 * and {@code pg_restore -j N} typed by hand ({@code bench/hand-copy.sh}) and against a naive {@code pg_dump | psql}
 * pipe ({@code bench/naive-pipe.sh}), all in one process, on the same two embedded PostgreSQL 15 servers.
 *
 * <p>Rehearsal runs on the SDK's in-memory Temporal service with the real activities; its time is from workflow start
 * until the run awaits sign-off, so it includes the census, the dump's sha256 manifest, the re-hash before restoring
 * and the faithful-copy verification. The three methods alternate (the order rotates each round) after one untimed
 * warm-up rehearsal; before each measured copy both servers are checkpointed, and after it staging must hold as many
 * rows as production.
 *
 * <p>Arguments (or system properties {@code bench.rows}, ...): {@code --rows=N} (default 6,000,000, about 1 GB),
 * {@code --rounds=N} (2), {@code --jobs=N} (2), {@code --warmup=false}, {@code --breakdown=false}, {@code
 * --bench-dir=DIR} (where the scripts are; default {@code bench}), {@code --work-dir=DIR} (dumps and evidence; default
 * a fresh temporary directory, deleted at the end).
 */
public final class SnapshotRestoreBench {
  static final String TABLE = "bench_events";
  static final String QUEUE = "bench";
  static final String SNAPSHOT_STEP = "dump-prod";
  static final String RESTORE_STEP = "restore-staging";

  enum Method {
    HAND("hand", "hand-copy.sh: pg_dump -Fd -j N -Z0, dropdb/createdb, pg_restore -j N"),
    REHEARSAL("rehearsal", "postgres.snapshot -> postgres.restore, until AWAITING_APPROVAL"),
    NAIVE("naive pipe", "naive-pipe.sh: dropdb/createdb, pg_dump | psql");

    final String label;
    final String what;

    Method(String label, String what) {
      this.label = label;
      this.what = what;
    }
  }

  record Options(long rows, int rounds, int jobs, boolean warmup, boolean breakdown, Path benchDir, Path workDir) {
    static final List<String> NAMES = List.of("rows", "rounds", "jobs", "warmup", "breakdown", "bench-dir", "work-dir");

    static Options parse(String[] args) {
      Map<String, String> given = BenchArgs.parse(args, NAMES, "--rows=N --rounds=N --jobs=N");
      Options o = new Options(
          Long.parseLong(given.getOrDefault("rows", "6000000").replace("_", "")),
          Integer.parseInt(given.getOrDefault("rounds", "2")),
          Integer.parseInt(given.getOrDefault("jobs", "2")),
          Boolean.parseBoolean(given.getOrDefault("warmup", "true")),
          Boolean.parseBoolean(given.getOrDefault("breakdown", "true")),
          Path.of(given.getOrDefault("bench-dir", "bench")).toAbsolutePath().normalize(),
          given.containsKey("work-dir") ? Path.of(given.get("work-dir")).toAbsolutePath().normalize() : null);
      given.keySet().removeAll(NAMES);
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("unknown options " + given.keySet());
      }
      if (o.rows < 1 || o.rounds < 1 || o.jobs < 1) {
        throw new IllegalArgumentException("rows, rounds and jobs must be at least 1");
      }
      if (!Files.isRegularFile(o.benchDir.resolve("hand-copy.sh"))) {
        throw new IllegalArgumentException("no hand-copy.sh in " + o.benchDir + " (pass --bench-dir=<repo>/bench)");
      }
      return o;
    }
  }

  /** One rehearsal, timed from outside, with what its steps reported. */
  record RehearsalTiming(
      double total, double snapshotStep, double restoreStep, double pgDump, double pgRestore, long dumpBytes, String snapshotSummary,
      String restoreSummary) {
    double outsideSteps() {
      return total - snapshotStep - restoreStep;
    }
  }

  private final Options options;
  private final PostgresServers servers;
  private final Path work;
  private final Map<Method, List<Double>> times = new EnumMap<>(Method.class);
  private final Map<String, List<Double>> handPhases = new LinkedHashMap<>();
  private final List<RehearsalTiming> rehearsals = new ArrayList<>();
  private final ObjectMapper json = new ObjectMapper();
  private TestWorkflowEnvironment temporal;
  private WorkflowClient client;
  private EvidenceStore evidence;
  private long productionRows;
  private long databaseBytes;
  private long tableBytes;

  private SnapshotRestoreBench(Options options, PostgresServers servers, Path work) {
    this.options = options;
    this.servers = servers;
    this.work = work;
    for (Method m : Method.values()) {
      times.put(m, new ArrayList<>());
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    String tools = checkTools();
    Path work = options.workDir() != null ? Files.createDirectories(options.workDir()) : Files.createTempDirectory("rehearsal-bench-");
    int exit = 0;
    try (PostgresServers servers = new PostgresServers()) {
      SnapshotRestoreBench bench = new SnapshotRestoreBench(options, servers, work);
      out("Rehearsal snapshot/restore benchmark, %s; %d cores, Java %s, %s", LocalDate.now(),
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), tools);
      out("rows=%,d rounds=%d jobs=%d warmup=%s breakdown=%s work=%s", options.rows(), options.rounds(), options.jobs(),
          options.warmup(), options.breakdown(), work);
      bench.run();
    } catch (Throwable t) {
      exit = 1;
      System.out.flush();
      System.err.println("BENCHMARK FAILED: " + t);
      t.printStackTrace();
    } finally {
      deleteRecursively(work);
    }
    System.out.flush();
    // Temporal's and the driver's thread pools need not keep the JVM alive once the numbers are out.
    System.exit(exit);
  }

  private void run() throws Exception {
    generate();
    startTemporal();
    try {
      if (options.warmup()) {
        out("");
        out("warm-up (untimed): one full rehearsal, so the JVM, Temporal and the page cache are as in a running worker");
        RehearsalTiming w = rehearse("warmup");
        checkStagingRows(Method.REHEARSAL);
        out("  warm-up rehearsal took %.2f s", w.total());
      }
      out("");
      Method[] methods = Method.values();
      for (int round = 0; round < options.rounds(); round++) {
        out("round %d of %d", round + 1, options.rounds());
        for (int k = 0; k < methods.length; k++) {
          Method m = methods[(round + k) % methods.length];
          checkpoint();
          double seconds = switch (m) {
            case HAND -> hand(work.resolve("hand-dump"));
            case REHEARSAL -> {
              RehearsalTiming t = rehearse("r" + (round + 1));
              rehearsals.add(t);
              yield t.total();
            }
            case NAIVE -> naive();
          };
          times.get(m).add(seconds);
          checkStagingRows(m);
          out("  %-10s %7.2f s%s", m.label, seconds, details(m));
        }
      }
      report();
      if (options.breakdown()) {
        breakdown();
      }
    } finally {
      temporal.close();
    }
  }

  // ------------------------------------------------------------------------------------------- the data

  private void generate() throws SQLException {
    quietStaging();
    long t0 = System.nanoTime();
    try (Connection c = servers.appConnection(true); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + TABLE);
      s.execute("CREATE TABLE " + TABLE + " (id bigserial PRIMARY KEY, account_id integer NOT NULL, payload text NOT NULL, "
          + "created_at timestamptz NOT NULL)");
      // Deterministic: 80 characters of md5 hex per row, accounts cycling over 100,000, one second apart.
      s.execute("INSERT INTO " + TABLE + " (account_id, payload, created_at) SELECT g % 100000, "
          + "md5(g::text) || md5((g + 1)::text) || left(md5((g + 2)::text), 16), "
          + "timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' FROM generate_series(1, " + options.rows() + ") g");
      s.execute("CREATE INDEX " + TABLE + "_created_at_idx ON " + TABLE + " (created_at)");
      // Set hint bits and the visibility map now, so no measured reader is the first to touch the fresh rows.
      s.execute("VACUUM (FREEZE, ANALYZE) " + TABLE);
      productionRows = queryLong(c, "select count(*) from " + TABLE);
      databaseBytes = queryLong(c, "select pg_database_size(current_database())");
      tableBytes = queryLong(c, "select pg_table_size('" + TABLE + "')");
    }
    checkpoint();
    out("generated %,d rows in %s.%s in %.1f s: pg_database_size %s (table %s, indexes %s)", productionRows,
        PostgresServers.PRODUCTION_DB, TABLE, seconds(t0), gb(databaseBytes), gb(tableBytes), gb(indexBytes()));
    if (productionRows != options.rows()) {
      throw new IllegalStateException("generated " + productionRows + " rows, wanted " + options.rows());
    }
  }

  /**
   * Autovacuum off on the staging server. Each copy leaves a 6M-row table that autovacuum would vacuum and analyze in
   * the background while the next method is being timed; and the hand script's {@code dropdb --force} fails with SQL
   * state 42501 while an autovacuum worker is in the database (Rehearsal's recreate tries a plain DROP first).
   */
  private void quietStaging() throws SQLException {
    try (Connection c = servers.adminConnection(false, "postgres"); Statement s = c.createStatement()) {
      s.execute("ALTER SYSTEM SET autovacuum = off");
      s.execute("SELECT pg_reload_conf()");
    }
  }

  private long indexBytes() throws SQLException {
    try (Connection c = servers.appConnection(true)) {
      return queryLong(c, "select pg_indexes_size('" + TABLE + "')");
    }
  }

  private void checkStagingRows(Method m) throws SQLException {
    long staged;
    try (Connection c = servers.appConnection(false)) {
      staged = queryLong(c, "select count(*) from " + TABLE);
    }
    if (staged != productionRows) {
      throw new IllegalStateException("after " + m.label + ", staging has " + staged + " rows in " + TABLE
          + " but production has " + productionRows + ": NOT A COPY");
    }
  }

  /** Both servers write out their dirty buffers, so no copy pays for the previous one's checkpoint. */
  private void checkpoint() throws SQLException {
    for (boolean production : new boolean[] {true, false}) {
      try (Connection c = servers.adminConnection(production, "postgres"); Statement s = c.createStatement()) {
        s.execute("CHECKPOINT");
      }
    }
  }

  // ---------------------------------------------------------------------------------------- the methods

  private double hand(Path dumpDir) throws IOException, InterruptedException {
    deleteRecursively(dumpDir);
    Map<String, String> env = scriptEnvironment();
    env.put("DIR", dumpDir.toString());
    env.put("JOBS", String.valueOf(options.jobs()));
    long t0 = System.nanoTime();
    String stdout = runScript("hand-copy.sh", env);
    double took = seconds(t0);
    for (String line : stdout.lines().toList()) {
      String[] words = line.strip().split("\\s+");
      if (words.length == 3 && words[0].equals("phase")) {
        handPhases.computeIfAbsent(words[1], k -> new ArrayList<>()).add(Double.parseDouble(words[2]));
      }
    }
    deleteRecursively(dumpDir);
    return took;
  }

  private double naive() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    runScript("naive-pipe.sh", scriptEnvironment());
    return seconds(t0);
  }

  private Map<String, String> scriptEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SRC", servers.productionUrlWithoutPassword());
    env.put("DST", servers.stagingUrlWithoutPassword());
    env.put("DST_MAINT", "postgresql://" + PostgresServers.APP_USER + "@" + PostgresServers.HOST + ":" + servers.stagingPort() + "/postgres");
    env.put("DST_DB", PostgresServers.STAGING_DB);
    env.put("PGPASSWORD", PostgresServers.PASSWORD);
    return env;
  }

  /** Runs a bench script with only PATH, HOME, LANG and its inputs in the environment; its stdout, or a failure. */
  private String runScript(String script, Map<String, String> inputs) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", options.benchDir().resolve(script).toString());
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", System.getProperty("user.home"));
    env.put("LANG", "C.UTF-8");
    env.putAll(inputs);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = builder.start();
    p.getOutputStream().close();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    if (exit != 0) {
      throw new IllegalStateException(script + " exited " + exit + ": " + stdout.strip());
    }
    return stdout;
  }

  private void startTemporal() {
    evidence = new EvidenceStore(work.resolve("data"));
    Map<String, String> workerEnvironment = Map.of(
        "PROD_DATABASE_URL", servers.productionUrl(),
        "STAGING_DATABASE_URL", servers.stagingUrl(),
        "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        "HOME", System.getProperty("user.home"));
    // Real time: nothing in the runs should be skipped, and the sign-off timer must simply wait.
    temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    Worker worker = temporal.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new StepActivitiesImpl(evidence, workerEnvironment::get),
        new PostgresActivitiesImpl(evidence, new PgTools(null, workerEnvironment::get), workerEnvironment::get));
    temporal.start();
    client = temporal.getWorkflowClient();
  }

  static String plan(String phases) {
    return """
        apiVersion: rehearsal/v1
        name: bench-snapshot-restore
        environment: staging
        targets:
          prod-db: { postgres: { url: "${env:PROD_DATABASE_URL}" }, readOnly: true }
          staging-db: { postgres: { url: "${env:STAGING_DATABASE_URL}" } }
        defaults: { retry: { maxAttempts: 1 } }
        phases:
        """ + phases.indent(2);
  }

  private String copyPlan() {
    return plan("""
        snapshot:
          - { name: %s, postgres.snapshot: { from: prod-db, jobs: %d } }
        restore:
          - { name: %s, postgres.restore: { to: staging-db, from: %s, jobs: %d } }
        signoff: {}
        """.formatted(SNAPSHOT_STEP, options.jobs(), RESTORE_STEP, SNAPSHOT_STEP, options.jobs()));
  }

  private RehearsalTiming rehearse(String label) throws Exception {
    String id = "bench-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
    Timed<RehearsalState> run = runUntilSignoff(id, Plans.parse(copyPlan()));
    RehearsalState state = run.value();
    StepState snapshot = step(state, SNAPSHOT_STEP);
    StepState restore = step(state, RESTORE_STEP);
    JsonNode taken = json.readTree(evidence.find(id, SNAPSHOT_STEP + ".snapshot.json").orElseThrow().toFile());
    JsonNode verified = json.readTree(evidence.find(id, RESTORE_STEP + ".a1.verification.json").orElseThrow().toFile());
    if (!verified.path("faithful").asBoolean()) {
      throw new IllegalStateException("Rehearsal's verification says the copy is not faithful: " + verified.path("differences"));
    }
    RehearsalTiming t = new RehearsalTiming(run.seconds(), duration(snapshot), duration(restore), taken.path("dumpSeconds").asDouble(),
        verified.path("restoreSeconds").asDouble(), taken.path("dumpBytes").asLong(), snapshot.summary(), restore.summary());
    deleteRecursively(work.resolve("data").resolve("evidence").resolve(id));
    return t;
  }

  record Timed<T>(T value, double seconds) {}

  /** Starts a rehearsal and polls its state every 50 ms until it awaits sign-off; fails loudly on any other end. */
  private Timed<RehearsalState> runUntilSignoff(String id, Plan plan) throws InterruptedException {
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    RehearsalInput input = new RehearsalInput(plan, "bench", Map.of("releaseCandidate", "bench"), "bench");
    long t0 = System.nanoTime();
    WorkflowClient.start(run::run, input);
    RehearsalState state;
    while (true) {
      state = run.state();
      if (state.status() == RunStatus.AWAITING_APPROVAL || state.status().isFinal()) {
        break;
      }
      Thread.sleep(50);
    }
    double took = seconds(t0);
    if (state.status() == RunStatus.AWAITING_APPROVAL) {
      WorkflowStub.fromTyped(run).terminate("benchmark round done");
    } else {
      StringBuilder why = new StringBuilder("rehearsal " + id + " ended " + state.status() + ":");
      for (StepState s : state.steps()) {
        why.append("\n  ").append(s.name()).append(' ').append(s.status()).append(": ").append(s.summary());
      }
      throw new IllegalStateException(why.toString());
    }
    return new Timed<>(state, took);
  }

  private static StepState step(RehearsalState state, String name) {
    return state.steps().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no step " + name));
  }

  private static double duration(StepState s) {
    return Duration.between(s.startedAt(), s.finishedAt()).toMillis() / 1000.0;
  }

  private String details(Method m) {
    return switch (m) {
      case HAND -> String.format(Locale.ROOT, "   (pg_dump %.2f, dropdb+createdb %.2f, pg_restore %.2f)",
          last(handPhases.get("dump")), last(handPhases.get("recreate")), last(handPhases.get("restore")));
      case REHEARSAL -> {
        RehearsalTiming t = rehearsals.get(rehearsals.size() - 1);
        yield String.format(Locale.ROOT, "   (snapshot step %.2f [pg_dump %.2f], restore step %.2f [pg_restore %.2f], "
            + "outside steps %.2f; dump %s)", t.snapshotStep(), t.pgDump(), t.restoreStep(), t.pgRestore(), t.outsideSteps(),
            gb(t.dumpBytes()));
      }
      case NAIVE -> "";
    };
  }

  // ------------------------------------------------------------------------------------------ the report

  private void report() {
    out("");
    out("Results: %,d rows, pg_database_size %s, jobs=%d, %d round(s), %d cores", productionRows, gb(databaseBytes), options.jobs(),
        options.rounds(), Runtime.getRuntime().availableProcessors());
    out("| method | best s | median s | runs (s) | what |");
    out("| --- | ---: | ---: | --- | --- |");
    for (Method m : Method.values()) {
      List<Double> t = times.get(m);
      out("| %s | %.2f | %.2f | %s | %s |", m.label, best(t), median(t), list(t), m.what);
    }
    double rh = median(times.get(Method.REHEARSAL));
    double hand = median(times.get(Method.HAND));
    double naive = median(times.get(Method.NAIVE));
    out("");
    out("rehearsal / hand       = %.2f× (goal ≤ 1.10×)  [medians; best/best %.2f×]", rh / hand,
        best(times.get(Method.REHEARSAL)) / best(times.get(Method.HAND)));
    out("rehearsal / naive pipe = %.2f×  [medians; best/best %.2f×]", rh / naive,
        best(times.get(Method.REHEARSAL)) / best(times.get(Method.NAIVE)));
    out("database size: %s (%,d bytes), %,d rows; dump directory %s", gb(databaseBytes), databaseBytes, productionRows,
        gb(rehearsals.get(0).dumpBytes()));
    RehearsalTiming lastRun = rehearsals.get(rehearsals.size() - 1);
    out("last rehearsal's step summaries:");
    out("  %s: %s", SNAPSHOT_STEP, lastRun.snapshotSummary());
    out("  %s: %s", RESTORE_STEP, lastRun.restoreSummary());
  }

  /**
   * Where Rehearsal's extra time goes: its step timings next to the hand script's phases, then each extra piece of work
   * measured alone on the quiet servers (census counts, sha256 of the dump, pg_restore --list, Temporal round trips).
   */
  private void breakdown() throws Exception {
    out("");
    out("Breakdown of Rehearsal's time (medians over the rounds)");
    double snapStep = median(rehearsals.stream().map(RehearsalTiming::snapshotStep).toList());
    double pgDump = median(rehearsals.stream().map(RehearsalTiming::pgDump).toList());
    double restStep = median(rehearsals.stream().map(RehearsalTiming::restoreStep).toList());
    double pgRestore = median(rehearsals.stream().map(RehearsalTiming::pgRestore).toList());
    double outside = median(rehearsals.stream().map(RehearsalTiming::outsideSteps).toList());
    double handDump = median(handPhases.get("dump"));
    double handRecreate = median(handPhases.get("recreate"));
    double handRestore = median(handPhases.get("restore"));
    out("| part | rehearsal s | hand s | difference s |");
    out("| --- | ---: | ---: | ---: |");
    out("| pg_dump | %.2f | %.2f | %+.2f |", pgDump, handDump, pgDump - handDump);
    out("| rest of the snapshot step (census wait, pg_restore --list, sha256 manifest) | %.2f | - | %+.2f |", snapStep - pgDump,
        snapStep - pgDump);
    out("| recreate (dropdb+createdb) | (in the restore step) | %.2f | |", handRecreate);
    out("| pg_restore | %.2f | %.2f | %+.2f |", pgRestore, handRestore, pgRestore - handRestore);
    out("| rest of the restore step (recreate, re-hash wait, census of the copy) | %.2f | %.2f (recreate) | %+.2f |",
        restStep - pgRestore, handRecreate, restStep - pgRestore - handRecreate);
    out("| outside the steps (workflow start, scheduling, 50 ms polling) | %.2f | - | %+.2f |", outside, outside);
    out("| total | %.2f | %.2f | %+.2f |", median(times.get(Method.REHEARSAL)), median(times.get(Method.HAND)),
        median(times.get(Method.REHEARSAL)) - median(times.get(Method.HAND)));

    out("");
    out("Each extra piece of Rehearsal's work, measured alone (best of 3 unless said):");
    try (Connection prod = servers.appConnection(true)) {
      double census = bestOf(3, () -> timeQuery(prod, "select count(*) from " + TABLE));
      out("  source census, count(*) of %,d rows on production (frozen, hinted): %.2f s", productionRows, census);
    }

    // A fresh hand copy into staging and a dump in the evidence store, both untimed here, then the pieces on them.
    Path dumpDir = evidence.directory("breakdown", "dump.dump");
    checkpoint();
    hand(work.resolve("hand-dump"));
    try (Connection staging = servers.appConnection(false)) {
      double first = timeQuery(staging, "select count(*) from " + TABLE);
      double second = bestOf(3, () -> timeQuery(staging, "select count(*) from " + TABLE));
      out("  copy census, count(*) on a freshly restored copy: first read %.2f s (the first reader of the new rows), "
          + "later reads %.2f s", first, second);
    }
    deleteRecursively(dumpDir);
    Files.createDirectories(dumpDir.getParent());
    Map<String, String> env = scriptEnvironment();
    runTool(env, "pg_dump", "-Fd", "-j", String.valueOf(options.jobs()), "-Z0", "-f", dumpDir.toString(), servers.productionUrlWithoutPassword());
    long dumpBytes = EvidenceStore.size(dumpDir);
    List<EvidenceRef> sealed = new ArrayList<>();
    double seal = bestOf(3, () -> {
      long t0 = System.nanoTime();
      sealed.clear();
      sealed.addAll(evidence.sealDirectory("breakdown", "dump.dump"));
      return seconds(t0);
    });
    double rehash = bestOf(3, () -> {
      long t0 = System.nanoTime();
      List<String> changed = evidence.changedFiles("breakdown", "dump.dump", sealed.get(0).sha256());
      if (!changed.isEmpty()) {
        throw new IllegalStateException("dump changed: " + changed);
      }
      return seconds(t0);
    });
    out("  sha256 manifest of the %s dump (snapshot step, after pg_dump): %.2f s = %.0f MB/s on one core", gb(dumpBytes), seal,
        dumpBytes / 1e6 / seal);
    out("  re-hash of the dump (restore step, concurrent with recreate + pg_restore): %.2f s", rehash);
    double list = bestOf(3, () -> {
      long t0 = System.nanoTime();
      runTool(Map.of(), "pg_restore", "--list", dumpDir.toString());
      return seconds(t0);
    });
    out("  pg_restore --list of the dump: %.2f s", list);
    deleteRecursively(dumpDir);

    double empty = bestOf(3, () -> runUntilSignoff("bench-empty-" + UUID.randomUUID().toString().substring(0, 8),
        Plans.parse(plan("signoff: {}\n"))).seconds());
    double twoSteps = bestOf(3, () -> runUntilSignoff("bench-noop-" + UUID.randomUUID().toString().substring(0, 8), Plans.parse(plan("""
        preflight:
          - { name: noop-1, sql: { target: staging-db, query: "select 1" } }
          - { name: noop-2, sql: { target: staging-db, query: "select 1" } }
        signoff: {}
        """))).seconds());
    out("  Temporal: a plan with only signoff, start to AWAITING_APPROVAL: %.3f s; with two no-op sql steps: %.3f s "
        + "(%.3f s per step, JDBC connect included)", empty, twoSteps, (twoSteps - empty) / 2);
  }

  private void runTool(Map<String, String> env, String... argv) {
    try {
      ProcessBuilder builder = new ProcessBuilder(argv);
      builder.environment().putAll(env);
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.redirectError(ProcessBuilder.Redirect.INHERIT);
      Process p = builder.start();
      p.getOutputStream().close();
      if (p.waitFor() != 0) {
        throw new IllegalStateException(argv[0] + " exited " + p.exitValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private interface Measurement {
    double seconds() throws Exception;
  }

  private static double bestOf(int n, Measurement m) throws Exception {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      best = Math.min(best, m.seconds());
    }
    return best;
  }

  private static double timeQuery(Connection c, String sql) throws SQLException {
    long t0 = System.nanoTime();
    queryLong(c, sql);
    return seconds(t0);
  }

  // ------------------------------------------------------------------------------------------ helpers

  /** pg_dump, pg_restore, psql, createdb and dropdb must run and be PostgreSQL 15, the servers' major version. */
  private static String checkTools() throws IOException, InterruptedException {
    String versions = "";
    for (String tool : List.of("pg_dump", "pg_restore", "psql", "createdb", "dropdb")) {
      Process p;
      try {
        p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new IllegalStateException(tool + " is not on PATH: install postgresql-client-15 (" + e.getMessage() + ")");
      }
      String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() != 0 || !version.matches(".*\\(PostgreSQL\\) 15\\..*")) {
        throw new IllegalStateException(tool + " must be PostgreSQL 15 like the embedded servers, found: " + version);
      }
      if (tool.equals("pg_dump")) {
        versions = version;
      }
    }
    return versions;
  }

  private static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  static double best(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  static double median(List<Double> values) {
    if (values == null || values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double last(List<Double> values) {
    return values == null || values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
  }

  private static String list(List<Double> values) {
    return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static String gb(long bytes) {
    return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
  }

  private static void out(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
