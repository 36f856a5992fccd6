package dev.rehearsal.workflows.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.postgres.PgTools;
import dev.rehearsal.activities.postgres.PostgresActivitiesImpl;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.testing.HistoryRecorder;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.testing.PostgresServers;
import dev.rehearsal.testing.StandaloneWorker;
import dev.rehearsal.testing.StepDirs;
import dev.rehearsal.workflows.rehearsal.CancelRequest;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflowImpl;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import dev.rehearsal.workflows.steps.EvidenceRef;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code postgres.copy} step against two real PostgreSQL 15 servers with the system's real pg_dump and pg_restore:
 * a streamed copy that keeps its snapshot, the method {@code auto} picks, failures that are never reported as good,
 * cancellation, and a crash mid-copy.
 */
class PostgresCopyTest {
  private static final int ORDERS = 100_000;
  private static final String QUEUE = "postgres-copy-test";
  /** A second source on the production server: many tables of similar size. */
  private static final String CATALOG_DB = "shop_catalog";
  private static final int CATALOG_TABLES = 8;
  /** A source whose table belongs to a role staging does not have: pg_restore fails on it. */
  private static final String ROLES_DB = "shop_roles";
  /** A source with a legacy-inheritance parent whose child is dumped (and loaded) after it. */
  private static final String FAMILY_DB = "shop_family";
  private static final int EVENTS_PARENT = 100;
  private static final int EVENTS_CHILD = 200_000;
  private static PostgresServers servers;

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private EvidenceStore evidence;
  private RehearsalWorkflow lastRun;

  @BeforeAll
  static void startServers() throws SQLException {
    servers = new PostgresServers();
    servers.loadShopData(ORDERS);
    try (Connection admin = servers.adminConnection(true, "postgres"); Statement s = admin.createStatement()) {
      s.execute("create database " + CATALOG_DB + " owner " + PostgresServers.APP_USER);
      s.execute("create database " + ROLES_DB + " owner " + PostgresServers.APP_USER);
      s.execute("create database " + FAMILY_DB + " owner " + PostgresServers.APP_USER);
      s.execute("create role reporting");
    }
    try (Connection c = servers.connect(true, CATALOG_DB, PostgresServers.APP_USER, PostgresServers.PASSWORD);
        Statement s = c.createStatement()) {
      for (int t = 1; t <= CATALOG_TABLES; t++) {
        s.execute("create table items_" + t + " (id bigint primary key, label text not null)");
        s.execute("insert into items_" + t + " select g, 'item ' || g from generate_series(1, " + (4000 + 100 * t) + ") g");
      }
    }
    try (Connection c = servers.connect(true, FAMILY_DB, PostgresServers.APP_USER, PostgresServers.PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("create table events (id bigint, note text)");
      s.execute("create table events_2024 () inherits (events)");
      s.execute("insert into events select g, 'parent' from generate_series(1, " + EVENTS_PARENT + ") g");
      s.execute("insert into events_2024 select g, 'child' from generate_series(1, " + EVENTS_CHILD + ") g");
    }
    try (Connection admin = servers.adminConnection(true, ROLES_DB); Statement s = admin.createStatement()) {
      s.execute("create table audit (id bigint, note text)");
      s.execute("insert into audit select g, repeat('x', 100) from generate_series(1, 50000) g");
      s.execute("alter table audit owner to reporting");
      s.execute("grant select on audit to " + PostgresServers.APP_USER);
    }
  }

  @AfterAll
  static void stopServers() {
    servers.close();
  }

  @BeforeEach
  void start() {
    StepDirs.shared(dir);
    startWorker(new PgTools(null, System::getenv));
  }

  private void startWorker(PgTools tools) {
    if (env != null) {
      env.close();
    }
    env = TestWorkflowEnvironment.newInstance();
    evidence = new EvidenceStore(dir.resolve("data"));
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    worker.registerActivitiesImplementations(new StepActivitiesImpl(evidence, secrets()::get),
        new PostgresActivitiesImpl(evidence, tools, secrets()::get));
    env.start();
    client = env.getWorkflowClient();
  }

  static Map<String, String> secrets() {
    String production = servers.productionUrl();
    return Map.of(
        "PROD_DATABASE_URL", production,
        "CATALOG_DATABASE_URL", production.replace("/" + PostgresServers.PRODUCTION_DB, "/" + CATALOG_DB),
        "ROLES_DATABASE_URL", production.replace("/" + PostgresServers.PRODUCTION_DB, "/" + ROLES_DB),
        "FAMILY_DATABASE_URL", production.replace("/" + PostgresServers.PRODUCTION_DB, "/" + FAMILY_DB),
        "STAGING_DATABASE_URL", servers.stagingUrl(),
        "REPORTING_DATABASE_URL", production,
        "PATH", System.getenv("PATH"),
        "HOME", System.getProperty("user.home"));
  }

  /** With {@code -Drehearsal.record-histories=<dir>}, writes each test's history there (see HistoryReplayTest). */
  @AfterEach
  void stop(org.junit.jupiter.api.TestInfo test) throws Exception {
    HistoryRecorder.recordIfAsked(client, lastRun, test, "postgres-copy-");
    env.close();
  }

  @Test
  void aStreamCopyIsFaithfulAndKeepsASnapshotThatALaterRestoreRestores() throws Exception {
    RehearsalWorkflow run = start(plan("""
        phases:
          snapshot:
            - { name: copy-prod, postgres.copy: { from: prod-db, to: staging-db, method: stream } }
            - { name: break-staging, sql: { target: staging-db, query: "drop table orders cascade", write: true } }
          restore:
            - { name: restore-again, postgres.restore: { to: staging-db, from: copy-prod, jobs: 2 } }
          smoke:
            - { name: orders-copied, sql: { target: staging-db, query: "select count(*) from orders", expect: { value: %d } } }
          signoff: {}
        """.formatted(ORDERS)));
    RehearsalState state = await(run, s -> s.status() != RunStatus.RUNNING, "the run to reach sign-off");

    assertThat(state.status()).as(state.steps().toString()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    StepState copy = step(state, "copy-prod");
    assertThat(copy.summary()).contains("copied by stream (as the plan says)", "streamed into pg_restore", "faithful copy",
        String.format("%,d rows", ORDERS + ORDERS / 10));
    assertThat(copy.evidence()).extracting(EvidenceRef::name).contains("copy-prod.a1.dump", "copy-prod.a1.toc.txt",
        "copy-prod.a1.snapshot.json", "copy-prod.a1.pg_dump.log", "copy-prod.a1.pg_restore.log", "copy-prod.a1.verification.json",
        "copy-prod.a1.copy.json");
    EvidenceRef dump = copy.evidence().stream().filter(e -> e.name().equals("copy-prod.a1.dump")).findFirst().orElseThrow();
    Path file = evidence.find(state.id(), dump.name()).orElseThrow();
    assertThat(EvidenceStore.sha256(file)).isEqualTo(dump.sha256());
    assertThat(Files.size(file)).isEqualTo(dump.size());
    assertThat(new String(Files.readAllBytes(file), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).as("custom format").isEqualTo("PGDMP");
    JsonNode taken = json(state.id(), "copy-prod.a1.snapshot.json");
    assertThat(taken.at("/dumpSha256").asText()).isEqualTo(dump.sha256());
    assertThat(taken.at("/format").asText()).isEqualTo("custom");
    assertThat(taken.at("/census/rows/public.orders").asLong()).isEqualTo(ORDERS);
    JsonNode verified = json(state.id(), "copy-prod.a1.verification.json");
    assertThat(verified.get("faithful").asBoolean()).isTrue();
    assertThat(verified.get("method").asText()).isEqualTo("stream");
    assertThat(verified.get("tablesCountedDuringRestore").asInt()).as("tables counted as soon as pg_restore committed them").isPositive();
    JsonNode phases = json(state.id(), "copy-prod.a1.copy.json").get("phaseSeconds");
    assertThat(phases.fieldNames()).toIterable().contains("recreateTarget", "dumpIntoRestore", "targetCensus", "waitForListDump", "total");
    assertThat(phases.get("total").asDouble()).isGreaterThanOrEqualTo(phases.get("dumpIntoRestore").asDouble()).isPositive();
    assertThat(leftovers(state.id())).as("no partial dump is left").isEmpty();

    // The kept snapshot is a snapshot like any other: a later restore (two jobs, from the file) rebuilds what was dropped.
    StepState restore = step(state, "restore-again");
    assertThat(restore.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(restore.summary()).contains("restored copy-prod", "faithful copy");
    assertThat(step(state, "orders-copied").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(queryLong(servers.appConnection(false), "select last_value from invoice_no_seq")).isEqualTo(PostgresServers.INVOICE_SEQ_VALUE);
  }

  @Test
  void autoStreamsOneDominantTableAndUsesParallelJobsForManySimilarTables() throws Exception {
    RehearsalWorkflow run = start(plan("""
        targets:
          catalog-db: { postgres: { url: "${env:CATALOG_DATABASE_URL}" }, readOnly: true }
        phases:
          snapshot:
            - { name: copy-shop, postgres.copy: { from: prod-db, to: staging-db, jobs: 2 } }
            - { name: copy-catalog, postgres.copy: { from: catalog-db, to: staging-db, jobs: 2 } }
          signoff: {}
        """));
    RehearsalState state = await(run, s -> s.status() != RunStatus.RUNNING, "both copies");

    assertThat(state.status()).as(state.steps().toString()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    assertThat(step(state, "copy-shop").summary()).contains("copied by stream (auto: one table dominates (2 tables, the largest");
    assertThat(json(state.id(), "copy-shop.a1.copy.json").get("method").asText()).isEqualTo("stream");
    StepState catalog = step(state, "copy-catalog");
    assertThat(catalog.summary()).contains("copied by directory (auto: 2 jobs over " + CATALOG_TABLES + " tables", "2 jobs",
        "faithful copy: " + CATALOG_TABLES + " tables");
    assertThat(catalog.evidence()).extracting(EvidenceRef::name).contains("copy-catalog.a1.dump", "copy-catalog.a1.dump.sha256",
        "copy-catalog.a1.verification.json");
    JsonNode chosen = json(state.id(), "copy-catalog.a1.copy.json");
    assertThat(chosen.get("method").asText()).isEqualTo("directory");
    assertThat(chosen.at("/sourceShape/tables").asInt()).isEqualTo(CATALOG_TABLES);
    assertThat(chosen.get("phaseSeconds").fieldNames()).toIterable().contains("measureSource", "dump", "restore", "waitForDumpHash",
        "targetCensus", "total");
    // Tables were counted as pg_restore's leader reported their data committed. Its workers share its stderr, so a
    // line can arrive split (CI saw 7 of 8 once; FinishedItemLineTest has the splits now read); a line split some other
    // way leaves its table to the census at the end, which the faithful copy above covers. This run's timing decides.
    assertThat(json(state.id(), "copy-catalog.a1.verification.json").get("tablesCountedDuringRestore").asInt())
        .isBetween(1, CATALOG_TABLES);
    // Table files were hashed and flushed as pg_dump reported them finished, the rest of the manifest beside
    // pg_restore, which read the same files: it is the snapshot's, and they still match it. Not always all of them: a
    // file whose "finished item" line was not read as one is left to the manifest (a CI run saw 7 of 8 once, before
    // FinishedItemLine read the lines a worker's write had split).
    assertThat(chosen.get("filesHashedDuringDump").asInt()).isBetween(1, CATALOG_TABLES);
    EvidenceRef dump = catalog.evidence().stream().filter(e -> e.name().equals("copy-catalog.a1.dump")).findFirst().orElseThrow();
    assertThat(evidence.changedFiles(state.id(), dump.name(), dump.sha256())).isEmpty();
    try (Connection c = servers.appConnection(false)) {
      assertThat(queryLong(c, "select count(*) from items_8")).isEqualTo(4800);
    }
  }

  @Test
  void aParentAndItsInheritanceChildAreCopiedFaithfullyByStreamAndByDirectory() throws Exception {
    RehearsalWorkflow run = start(plan("""
        targets:
          family-db: { postgres: { url: "${env:FAMILY_DATABASE_URL}" }, readOnly: true }
        phases:
          snapshot:
            - { name: stream-family, postgres.copy: { from: family-db, to: staging-db, method: stream } }
            - { name: directory-family, postgres.copy: { from: family-db, to: staging-db, method: directory, jobs: 2 } }
          signoff: {}
        """));
    RehearsalState state = await(run, s -> s.status() != RunStatus.RUNNING, "both copies");

    // The parent's count includes its child's rows; counted before the child loaded, a faithful copy would mismatch.
    assertThat(state.status()).as(state.steps().toString()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    for (String name : List.of("stream-family", "directory-family")) {
      StepState copy = step(state, name);
      assertThat(copy.status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(copy.attempts()).as(name + " succeeded at once").isEqualTo(1);
      assertThat(copy.summary()).contains("faithful copy");
    }
    assertThat(queryLong(servers.appConnection(false), "select count(*) from events")).isEqualTo(EVENTS_PARENT + EVENTS_CHILD);
  }

  @Test
  void aFailingPgRestoreFailsTheCopyAndLeavesNoSnapshot() throws Exception {
    RehearsalWorkflow run = start(plan("""
        targets:
          roles-db: { postgres: { url: "${env:ROLES_DATABASE_URL}" }, readOnly: true }
        phases:
          snapshot:
            - { name: copy-roles, postgres.copy: { from: roles-db, to: staging-db, method: stream } }
          rollback:
            - { name: restore-it, postgres.restore: { to: staging-db, from: copy-roles } }
          signoff: {}
        """));
    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    StepState copy = step(end, "copy-roles");
    assertThat(copy.status()).isEqualTo(StepStatus.FAILED);
    assertThat(copy.summary()).contains("pg_restore exited 1", "role \"reporting\" does not exist");
    assertThat(copy.evidence()).extracting(EvidenceRef::name).contains("copy-roles.a2.pg_restore.log")
        .noneMatch(name -> name.endsWith(".dump") || name.endsWith(".snapshot.json") || name.endsWith(".verification.json"));
    assertThat(evidence.find(end.id(), "copy-roles.a2.dump")).isEmpty();
    assertThat(leftovers(end.id())).isEmpty();
    assertThat(step(end, "restore-it").status()).isNotEqualTo(StepStatus.SUCCEEDED);
    assertThat(step(end, "restore-it").summary()).contains("snapshot copy-roles was not taken");
    assertThat(pgProcesses()).as("neither tool is left running").isEmpty();
  }

  @Test
  void theGuardRefusesACopyIntoAnAddressThatResolvesToProduction() throws Exception {
    RehearsalWorkflow run = start(plan("""
        targets:
          reporting-db: { postgres: { url: "${env:REPORTING_DATABASE_URL}" } }
        phases:
          snapshot: [ { name: copy-reporting, postgres.copy: { from: staging-db, to: reporting-db } } ]
          signoff: {}
        """));
    StepState copy = step(WorkflowStub.fromTyped(run).getResult(RehearsalState.class), "copy-reporting");

    assertThat(copy.status()).isEqualTo(StepStatus.FAILED);
    assertThat(copy.attempts()).isEqualTo(1);
    assertThat(copy.summary()).contains("production guard pattern 'prod'").doesNotContain(PostgresServers.PASSWORD);
    assertThat(queryLong(servers.appConnection(true), "select count(*) from orders")).isEqualTo(ORDERS);
  }

  @Test
  void cancellingTheRunKillsPgDumpAndPgRestore() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("slow-bin"));
    Path pid = dir.resolve("pg_dump.pid");
    script(bin.resolve("pg_dump"), """
        if [ "$1" = --version ]; then exec pg_dump --version; fi
        echo $$ > %s
        exec sleep 120
        """.formatted(pid));
    script(bin.resolve("pg_restore"), "exec pg_restore \"$@\"");
    startWorker(new PgTools(bin, System::getenv));
    RehearsalWorkflow run = start(plan("""
        phases:
          snapshot: [ { name: copy-prod, postgres.copy: { from: prod-db, to: staging-db, method: stream } } ]
          signoff: {}
        """));
    long dumpPid = awaitPid(pid);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (pgProcesses().isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    List<ProcessHandle> tools = pgProcesses();
    assertThat(tools).as("pg_restore reading the stream").hasSize(1);

    run.cancel(new CancelRequest("alice", "wrong release candidate"));
    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

    assertThat(end.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(ProcessHandle.of(dumpPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(tools.get(0).isAlive()).isFalse();
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().orElse("").endsWith("/tee"))).as("tee, between the two").isEmpty();
    assertThat(step(end, "copy-prod").status()).isNotEqualTo(StepStatus.SUCCEEDED);
    assertThat(leftovers(end.id())).isEmpty();
  }

  @Test
  void aWorkerKilledMidCopyLeavesNothingBehindAndTheRetryStartsFromACleanTarget() throws Exception {
    // The first worker's pg_dump passes the first 200 kB through, then stalls: the worker dies mid-copy.
    Path stalling = Files.createDirectories(dir.resolve("stalling-bin"));
    String realDump = Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, "pg_dump")).filter(Files::isExecutable)
        .findFirst().orElseThrow().toString();
    script(stalling.resolve("pg_dump"), """
        if [ "$1" = --version ]; then exec %1$s --version; fi
        %1$s "$@" | { head -c 200000; sleep 120; }
        """.formatted(realDump));
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String target = "127.0.0.1:" + port;
    Path data = dir.resolve("crash-data");
    try (io.temporal.testserver.TestServer.PortBoundTestServer server = io.temporal.testserver.TestServer.createPortBoundServer(port)) {
      io.temporal.serviceclient.WorkflowServiceStubs stubs = io.temporal.serviceclient.WorkflowServiceStubs.newServiceStubs(
          io.temporal.serviceclient.WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
      WorkflowClient remote = WorkflowClient.newInstance(stubs);
      Map<String, String> firstEnvironment = new HashMap<>(secrets());
      firstEnvironment.put("PATH", stalling + ":" + System.getenv("PATH"));
      Process first = StandaloneWorker.startJvm(target, QUEUE, data, firstEnvironment, dir.resolve("first-worker.log"));
      RehearsalWorkflow run = remote.newWorkflowStub(RehearsalWorkflow.class,
          WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-copy-crash").build());
      // Killed like a dying machine, and killed anyway if an assertion fails first.
      try {
        WorkflowClient.start(run::run, new RehearsalInput(Plans.parse(plan("""
            phases:
              snapshot: [ { name: copy-prod, postgres.copy: { from: prod-db, to: staging-db, method: stream } } ]
              signoff: {}
            """).replace("defaults: { retry:", "defaults: { heartbeatTimeout: 10s, retry:")), "v1", Map.of(), "alice"));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (first.descendants().noneMatch(p -> p.info().command().orElse("").endsWith("sleep"))) {
          assertThat(Instant.now()).as("the first worker's copy to stall").isBefore(deadline);
          Thread.sleep(20);
        }
        while (queryLong(servers.appConnection(false), "select count(*) from information_schema.tables where table_name = 'customers'") == 0) {
          assertThat(Instant.now()).as("the first attempt to start restoring").isBefore(deadline);
          Thread.sleep(20);
        }
        assertThat(Files.exists(data.resolve("evidence/rh-copy-crash/copy-prod.a1.dump.partial")))
            .as("a partial dump; files: %s; log: %s", listing(data.resolve("evidence/rh-copy-crash")),
                Files.readString(dir.resolve("first-worker.log"))).isTrue();
      } finally {
        first.descendants().forEach(ProcessHandle::destroyForcibly);
        first.destroyForcibly().waitFor();
      }

      Process second = StandaloneWorker.startJvm(target, QUEUE, data, secrets(), dir.resolve("second-worker.log"));
      try {
        RehearsalState state = await(run, s -> s.status() != RunStatus.RUNNING, "the second worker to finish the copy");
        assertThat(state.status()).as("%s; second worker: %s", state.steps(), Files.readString(dir.resolve("second-worker.log")))
            .isEqualTo(RunStatus.AWAITING_APPROVAL);
        StepState copy = step(state, "copy-prod");
        assertThat(copy.attempts()).isEqualTo(2);
        assertThat(copy.summary()).contains("faithful copy");
        EvidenceStore store = new EvidenceStore(data);
        assertThat(store.find(state.id(), "copy-prod.a2.dump")).isPresent();
        assertThat(store.find(state.id(), "copy-prod.a1.dump")).isEmpty();
        assertThat(Files.exists(data.resolve("evidence/rh-copy-crash/copy-prod.a1.dump.partial"))).isFalse();
        assertThat(new ObjectMapper().readTree(store.find(state.id(), "copy-prod.a2.verification.json").orElseThrow().toFile())
            .get("faithful").asBoolean()).isTrue();
        try (Connection c = servers.appConnection(false)) {
          assertThat(queryLong(c, "select count(*) from orders")).isEqualTo(ORDERS);
        }
        run.cancel(new CancelRequest("alice", "test over"));
      } finally {
        second.descendants().forEach(ProcessHandle::destroyForcibly);
        second.destroyForcibly().waitFor();
        stubs.shutdownNow();
      }
    }
  }

  // ------------------------------------------------------------------------------------------ helpers

  static String plan(String body) {
    String targets = """
        targets:
          prod-db: { postgres: { url: "${env:PROD_DATABASE_URL}" }, readOnly: true }
          staging-db: { postgres: { url: "${env:STAGING_DATABASE_URL}" } }
        """;
    String merged = body.startsWith("targets:\n") ? targets + body.substring("targets:\n".length()) : targets + body;
    return """
        apiVersion: rehearsal/v1
        name: shop-staging
        environment: staging
        defaults: { retry: { maxAttempts: 2, initialInterval: 200ms } }
        """ + merged;
  }

  private RehearsalWorkflow start(String yaml) {
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-" + UUID.randomUUID()).build());
    WorkflowClient.start(run::run, new RehearsalInput(Plans.parse(yaml), "v1.2.3", Map.of("releaseCandidate", "v1.2.3"), "alice"));
    lastRun = run;
    return run;
  }

  /** Partial dumps in the run's evidence directory. */
  private List<String> leftovers(String runId) throws Exception {
    Path runDir = evidence.runDirectory(runId);
    if (!Files.exists(runDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(runDir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial")).toList();
    }
  }

  private static List<String> listing(Path d) throws Exception {
    try (Stream<Path> files = Files.list(d)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  /** pg_dump and pg_restore processes this JVM started that still run. */
  private static List<ProcessHandle> pgProcesses() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("pg_restore") || c.endsWith("pg_dump")).orElse(false))
        .toList();
  }

  private JsonNode json(String runId, String name) throws Exception {
    return new ObjectMapper().readTree(evidence.find(runId, name).orElseThrow().toFile());
  }

  static StepState step(RehearsalState state, String name) {
    return state.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static long queryLong(Connection connection, String sql) throws SQLException {
    try (Connection c = connection; Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void script(Path file, String body) throws Exception {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static RehearsalState await(RehearsalWorkflow run, Predicate<RehearsalState> done, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      RehearsalState s = run.state();
      if (done.test(s)) {
        return s;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  private static long awaitPid(Path file) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(file) && !Files.readString(file).isBlank()) {
        return Long.parseLong(Files.readString(file).strip());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no pid in " + file);
  }
}
