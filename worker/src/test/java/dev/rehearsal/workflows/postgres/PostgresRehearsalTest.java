package dev.rehearsal.workflows.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.postgres.PgTools;
import dev.rehearsal.activities.postgres.PostgresActivitiesImpl;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.plan.InvalidPlanException;
import dev.rehearsal.plan.PlanProblem;
import dev.rehearsal.testing.HistoryRecorder;
import dev.rehearsal.testing.HistoryText;
import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.testing.StepDirs;
import dev.rehearsal.testing.PostgresServers;
import dev.rehearsal.testing.StandaloneWorker;
import dev.rehearsal.workflows.rehearsal.ApprovalRequest;
import dev.rehearsal.workflows.rehearsal.CancelRequest;
import dev.rehearsal.workflows.rehearsal.Decision;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
import org.slf4j.LoggerFactory;

/**
 * The database steps against two real PostgreSQL 15 servers ("production" and "staging") with the system's real
 * pg_dump and pg_restore, on the SDK's test environment.
 */
class PostgresRehearsalTest {
  static final int ORDERS = 300_000;
  private static final String QUEUE = "postgres-test";
  private static PostgresServers servers;

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private EvidenceStore evidence;
  private ListAppender<ILoggingEvent> logs;
  private RehearsalWorkflow lastRun;

  @BeforeAll
  static void startServers() {
    servers = new PostgresServers();
    servers.loadShopData(ORDERS);
  }

  @AfterAll
  static void stopServers() {
    servers.close();
  }

  @BeforeEach
  void start() {
    StepDirs.shared(dir);
    logs = new ListAppender<>();
    logs.start();
    rootLogger().addAppender(logs);
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

  /** The worker's environment: where ${env:..} secrets come from. */
  static Map<String, String> secrets() {
    return Map.of(
        "PROD_DATABASE_URL", servers.productionUrl(),
        "STAGING_DATABASE_URL", servers.stagingUrl(),
        // A staging-looking variable name that really points at production: only the resolved address tells.
        "REPORTING_DATABASE_URL", servers.productionUrl(),
        "PATH", System.getenv("PATH"),
        "HOME", System.getProperty("user.home"));
  }

  /** With {@code -Drehearsal.record-histories=<dir>}, writes each test's history there (see HistoryReplayTest). */
  @AfterEach
  void stop(org.junit.jupiter.api.TestInfo test) throws Exception {
    rootLogger().detachAppender(logs);
    HistoryRecorder.recordIfAsked(client, lastRun, test, "postgres-");
    env.close();
  }

  @Test
  void fullRehearsalCopiesProductionFaithfullyMigratesChecksAndSignsOff() throws Exception {
    Path migration = Files.writeString(dir.resolve("0002_report_schedules.sql"), """
        create table report_schedules (id bigserial primary key, name text not null);
        create table schema_migrations (version text primary key, applied boolean not null);
        insert into schema_migrations values ('0001', true), ('0002', true);
        """);
    RehearsalWorkflow run = start(plan("""
        phases:
          snapshot:
            - { name: dump-prod, postgres.snapshot: { from: prod-db, jobs: 2 } }
          restore:
            - { name: restore-staging, postgres.restore: { to: staging-db, from: dump-prod } }
          migrate:
            - name: migrate
              command:
                run: [sh, -c, 'psql -X -q -v ON_ERROR_STOP=1 -f "$1" "$DB"', migrate, "%s"]
                env: { DB: "${env:STAGING_DATABASE_URL}" }
                writes: [staging-db]
            - { name: table-exists, sql: { target: staging-db, query: "select count(*) from information_schema.tables where table_name = 'report_schedules'", expect: { value: 1 } } }
            - { name: no-pending-migrations, sql: { target: staging-db, query: "select version from schema_migrations where not applied", expect: { empty: true } } }
          smoke:
            - { name: orders-copied, sql: { target: staging-db, query: "select count(*) from orders", expect: { value: %d } } }
            - { name: no-duplicate-emails, sql: { target: staging-db, query: "select email from customers group by email having count(*) > 1", expect: { rows: "==0" } } }
          signoff: {}
        """.formatted(migration, ORDERS)));

    RehearsalState state = awaitStatus(run, RunStatus.AWAITING_APPROVAL);
    assertThat(state.steps()).allSatisfy(s -> assertThat(s.status()).as(s.name() + ": " + s.summary()).isEqualTo(StepStatus.SUCCEEDED));
    StepState snapshot = step(state, "dump-prod");
    assertThat(snapshot.evidence()).extracting(EvidenceRef::name)
        .contains("dump-prod.a1.dump", "dump-prod.a1.dump.sha256", "dump-prod.a1.toc.txt", "dump-prod.a1.snapshot.json", "dump-prod.a1.pg_dump.log");
    assertThat(snapshot.summary()).contains("pg_dump 15.", "2 jobs", "300,000 rows".replace("300,000", String.format("%,d", ORDERS + ORDERS / 10)));
    JsonNode taken = json(state.id(), "dump-prod.a1.snapshot.json");
    assertThat(taken.at("/census/rows/public.orders").asLong()).isEqualTo(ORDERS);
    assertThat(taken.at("/census/sequences/public.invoice_no_seq").asLong()).isEqualTo(PostgresServers.INVOICE_SEQ_VALUE);
    assertThat(taken.at("/tableOfContents/TABLE DATA").asInt()).isEqualTo(2);
    assertThat(taken.at("/serverVersion").asText()).startsWith("15.");

    StepState restore = step(state, "restore-staging");
    assertThat(restore.summary()).contains("faithful copy", "2 tables", String.format("%,d rows", ORDERS + ORDERS / 10));
    JsonNode verification = json(state.id(), "restore-staging.a1.verification.json");
    assertThat(verification.get("faithful").asBoolean()).isTrue();
    assertThat(verification.at("/copy/objects/public/views").asLong()).isEqualTo(1);
    assertThat(verification.at("/copy/objects/public/functions").asLong()).isEqualTo(1);
    assertThat(step(state, "orders-copied").summary()).contains("1 row, value " + ORDERS);

    assertThat(queryLong(false, "select last_value from invoice_no_seq")).isEqualTo(PostgresServers.INVOICE_SEQ_VALUE);
    assertThat(queryLong(false, "select count(*) from big_orders")).isEqualTo(queryLong(true, "select count(*) from big_orders"));
    assertThat(queryLong(false, "select count(*) from pg_constraint where conname = 'orders_customer_id_fkey'")).isEqualTo(1);
    // The staging role's password still works: the restore recreated the database, not the server's roles.
    try (Connection c = servers.appConnection(false)) {
      assertThat(c.isValid(5)).isTrue();
    }

    run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "copy verified", Map.of(), null));
    assertThat(WorkflowStub.fromTyped(run).getResult(RehearsalState.class).status()).isEqualTo(RunStatus.SUCCEEDED);

    // The password is in the worker's environment and nowhere else: not in history, evidence, or logs.
    String history = HistoryText.withDecodedPayloads(client.fetchHistory(state.id()).toJson(false));
    assertThat(history).contains("${env:PROD_DATABASE_URL}").doesNotContain(PostgresServers.PASSWORD);
    try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(PostgresServers.PASSWORD);
      }
    }
    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent e : logs.list) {
      String text = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
      assertThat(text).doesNotContain(PostgresServers.PASSWORD);
    }
  }

  @Test
  void verificationCatchesATargetThatIsNotAFaithfulCopy() throws Exception {
    try (Connection admin = servers.adminConnection(false, "postgres"); Statement s = admin.createStatement()) {
      s.execute("drop database if exists " + PostgresServers.STAGING_DB + " with (force)");
      s.execute("create database " + PostgresServers.STAGING_DB + " owner " + PostgresServers.APP_USER);
    }
    try (Connection c = servers.appConnection(false); Statement s = c.createStatement()) {
      s.execute("create table leftover_audit (id int)");
    }
    RehearsalWorkflow run = start(plan("""
        phases:
          snapshot: [ { name: dump-prod, postgres.snapshot: { from: prod-db } } ]
          restore:  [ { name: restore-staging, postgres.restore: { to: staging-db, mode: clean } } ]
          smoke:    [ { name: never, sql: { target: staging-db, query: "select 1" } } ]
          signoff: {}
        """));
    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    StepState restore = step(end, "restore-staging");
    assertThat(restore.status()).isEqualTo(StepStatus.FAILED);
    assertThat(restore.attempts()).as("a copy mismatch is not retried").isEqualTo(1);
    assertThat(restore.summary()).contains("not a faithful copy", "public.leftover_audit is in the copy but not in the source",
        "schema public: tables 3 in the copy, 2 in the source");
    assertThat(json(end.id(), "restore-staging.a1.verification.json").get("faithful").asBoolean()).isFalse();
    assertThat(step(end, "never").status()).isEqualTo(StepStatus.SKIPPED);
  }

  @Test
  void aSnapshotChangedAfterItWasTakenIsRefused() throws Exception {
    // Steps cannot reach the data directory, so the test tampers while a step waits for it.
    Path tampered = dir.resolve("tampered");
    RehearsalWorkflow run = start(plan("""
        phases:
          snapshot:
            - { name: dump-prod, postgres.snapshot: { from: prod-db } }
            - { name: wait-for-tamper, command: { run: [sh, -c, 'while [ ! -e %s ]; do sleep 0.1; done'] } }
          restore:  [ { name: restore-staging, postgres.restore: { to: staging-db } } ]
          signoff: {}
        """.formatted(tampered)));
    Await.until(() -> run.state().steps().stream().anyMatch(s -> s.name().equals("wait-for-tamper") && s.status() == StepStatus.RUNNING),
        "the snapshot to be taken");
    Path dump = dir.resolve("data/evidence").resolve(run.state().id()).resolve("dump-prod.a1.dump/toc.dat");
    Files.write(dump, new byte[] {'x'}, java.nio.file.StandardOpenOption.APPEND);
    Files.createFile(tampered);
    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

    StepState restore = step(end, "restore-staging");
    assertThat(restore.status()).isEqualTo(StepStatus.FAILED);
    assertThat(restore.summary()).contains("snapshot dump-prod changed since it was taken", "toc.dat");
    assertThat(restore.attempts()).isEqualTo(1);
  }

  @Test
  void productionGuardRefusesAtValidationAndAgainInsideTheActivity() throws Exception {
    assertThatThrownBy(() -> Plans.parse(plan("""
        targets:
          literal-prod: { postgres: { url: "%s" } }
        phases:
          snapshot: [ { name: dump-prod, postgres.snapshot: { from: prod-db } } ]
          restore:  [ { name: restore-prod, postgres.restore: { to: literal-prod } } ]
          signoff: {}
        """.formatted(servers.productionUrlWithoutPassword()))))
        .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.problems())
            .extracting(PlanProblem::path, PlanProblem::message)
            .anySatisfy(p -> {
              assertThat(p.toList().get(0)).isEqualTo("phases.restore[0].postgres.restore.to");
              assertThat((String) p.toList().get(1)).contains("production guard pattern 'prod'");
            }));

    // Behind a reference, only the resolved address shows it is production.
    RehearsalWorkflow run = start(plan("""
        targets:
          reporting-db: { postgres: { url: "${env:REPORTING_DATABASE_URL}" } }
        phases:
          snapshot: [ { name: dump-prod, postgres.snapshot: { from: prod-db } } ]
          restore:  [ { name: restore-reporting, postgres.restore: { to: reporting-db } } ]
          rollback: [ { name: wipe, sql: { target: reporting-db, query: "delete from orders", write: true } } ]
          signoff: {}
        """));
    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    for (String name : List.of("restore-reporting", "wipe")) {
      StepState s = step(end, name);
      assertThat(s.status()).isEqualTo(StepStatus.FAILED);
      assertThat(s.attempts()).isEqualTo(1);
      assertThat(s.summary()).contains("reporting-db", "production guard pattern 'prod'").doesNotContain(PostgresServers.PASSWORD);
    }
    assertThat(queryLong(true, "select count(*) from orders")).isEqualTo(ORDERS);
  }

  @Test
  void sqlStepsAreReadOnlyUnlessTheySayWrite() throws Exception {
    RehearsalWorkflow run = start(plan("""
        phases:
          preflight:
            - { name: mark, sql: { target: staging-db, query: "create table if not exists rehearsal_marks (n int); insert into rehearsal_marks values (1)", write: true } }
            - { name: marked, sql: { target: staging-db, query: "select count(*) from rehearsal_marks", expect: { rows: ">=1" } } }
          smoke:
            - { name: sneaky-delete, sql: { target: staging-db, query: "delete from rehearsal_marks" } }
          rollback:
            - { name: commit-then-delete, sql: { target: staging-db, query: "commit; delete from rehearsal_marks" } }
          signoff: {}
        """));
    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

    assertThat(step(end, "mark").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step(end, "mark").summary()).contains("committed");
    StepState delete = step(end, "sneaky-delete");
    assertThat(delete.status()).isEqualTo(StepStatus.FAILED);
    assertThat(delete.summary()).contains("read-only transaction");
    assertThat(delete.attempts()).isEqualTo(1);
    StepState escape = step(end, "commit-then-delete");
    assertThat(escape.status()).isEqualTo(StepStatus.FAILED);
    assertThat(escape.summary()).contains("a read step runs exactly one statement");
    assertThat(queryLong(false, "select count(*) from rehearsal_marks")).isPositive();
  }

  @Test
  void theFirstRowIsCheckedByColumnAndAQueryIsRepeatedUntilItsRowHolds() throws Exception {
    RehearsalWorkflow run = start(plan("""
        phases:
          preflight:
            - name: version
              sql:
                target: prod-db
                query: "select current_setting('server_version_num')::int / 10000 as major, 'shop-db' as name, '{\\"a\\": {\\"b\\": 1}}'::jsonb as doc, true as ok, null as gone"
                expect: { json: { /major: { ">=": 14 }, /name: { matches: "^shop" }, /doc/a/b: 1, /ok: true, /gone: null } }
            - { name: counter, sql: { target: staging-db, query: "create sequence if not exists polls_seen", write: true } }
            # Each poll advances the counter (a sequence ignores rollbacks), so the row holds at the third.
            - name: ready
              sql: { target: staging-db, query: "select nextval('polls_seen') as polls", write: true, expect: { json: { /polls: { ">=": 3 } } } }
              until: { timeout: 30s, every: 300ms }
          smoke:
            - name: too-old
              sql: { target: prod-db, query: "select 15 as major", expect: { json: { /major: { ">": 99 }, /minor: { exists: true } } } }
          signoff: {}
        """));
    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

    assertThat(step(end, "version").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step(end, "ready").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step(end, "ready").summary()).contains("held at poll 3 after");
    StepState tooOld = step(end, "too-old");
    assertThat(tooOld.status()).isEqualTo(StepStatus.FAILED);
    assertThat(tooOld.summary()).isEqualTo("/major is 15, expected > 99; /minor is missing, expected present");
  }

  @Test
  void anExpectationThatDoesNotHoldFailsTheStepWithTheResultAsEvidence() throws Exception {
    RehearsalWorkflow run = start(plan("""
        phases:
          smoke:
            - { name: too-many, sql: { target: prod-db, query: "select id from customers order by id limit 3", expect: { rows: "<2" } } }
          signoff: {}
        """));
    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

    StepState s = step(end, "too-many");
    assertThat(s.summary()).isEqualTo("expected rows <2, got 3");
    assertThat(Files.readString(evidence.find(end.id(), "too-many.a1.result.txt").orElseThrow())).isEqualTo("id\n1\n2\n3\n");
  }

  @Test
  void aPgDumpOlderThanTheServerFailsAtOnceNamingBothVersions() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("old-bin"));
    script(bin.resolve("pg_dump"), "echo 'pg_dump (PostgreSQL) 14.9'");
    startWorker(new PgTools(bin, System::getenv));
    RehearsalWorkflow run = start(plan("""
        phases:
          snapshot: [ { name: dump-prod, postgres.snapshot: { from: prod-db } } ]
          signoff: {}
        """));
    StepState s = step(WorkflowStub.fromTyped(run).getResult(RehearsalState.class), "dump-prod");

    assertThat(s.status()).isEqualTo(StepStatus.FAILED);
    assertThat(s.attempts()).isEqualTo(1);
    assertThat(s.summary()).contains("pg_dump 14.9 is older than the server", "PostgreSQL 15.");
  }

  @Test
  void cancellingTheRunKillsPgDump() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("slow-bin"));
    Path pid = dir.resolve("pg_dump.pid");
    script(bin.resolve("pg_dump"), """
        if [ "$1" = --version ]; then exec pg_dump --version; fi
        echo $$ > %s
        sleep 120
        """.formatted(pid));
    startWorker(new PgTools(bin, System::getenv));
    RehearsalWorkflow run = start(plan("""
        phases:
          snapshot: [ { name: dump-prod, postgres.snapshot: { from: prod-db } } ]
          signoff: {}
        """));
    long dumpPid = awaitPid(pid);
    assertThat(ProcessHandle.of(dumpPid)).isPresent();

    run.cancel(new CancelRequest("alice", "wrong release candidate"));
    RehearsalState end = WorkflowStub.fromTyped(run).getResult(RehearsalState.class);

    assertThat(end.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(ProcessHandle.of(dumpPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void aWorkerKilledMidRestoreLeavesNoHalfCopyAndTheRunEndsWithAVerifiedCopy() throws Exception {
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
      Process first = StandaloneWorker.startJvm(target, QUEUE, data, secrets(), dir.resolve("first-worker.log"));
      RehearsalWorkflow run = remote.newWorkflowStub(RehearsalWorkflow.class,
          WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-restore-crash").build());
      WorkflowClient.start(run::run, new RehearsalInput(Plans.parse(plan("""
          phases:
            snapshot: [ { name: dump-prod, postgres.snapshot: { from: prod-db } } ]
            restore:  [ { name: restore-staging, postgres.restore: { to: staging-db } } ]
            signoff: {}
          """).replace("defaults: { retry:", "defaults: { heartbeatTimeout: 5s, retry:")), "v1", Map.of(), "alice"));

      // Like a machine dying: the worker and the pg_restore it started are killed while rows are being copied.
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (first.descendants().noneMatch(PostgresRehearsalTest::isRestoring)) {
        assertThat(Instant.now()).as("pg_restore to start on the first worker").isBefore(deadline);
        Thread.sleep(5);
      }
      first.descendants().forEach(ProcessHandle::destroyForcibly);
      first.destroyForcibly().waitFor();

      Process second = StandaloneWorker.startJvm(target, QUEUE, data, secrets(), dir.resolve("second-worker.log"));
      try {
        RehearsalState state = await(run, s -> s.status() != RunStatus.RUNNING, "the second worker to finish the restore");
        assertThat(state.status()).as(state.steps().toString()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(step(state, "dump-prod").attempts()).as("the finished snapshot is not taken again").isEqualTo(1);
        StepState restore = step(state, "restore-staging");
        assertThat(restore.attempts()).isEqualTo(2);
        assertThat(restore.summary()).contains("faithful copy");
        EvidenceStore store = new EvidenceStore(data);
        assertThat(store.find(state.id(), "dump-prod.a2.pg_dump.log")).isEmpty();
        assertThat(new ObjectMapper().readTree(store.find(state.id(), "restore-staging.a2.verification.json").orElseThrow().toFile())
            .get("faithful").asBoolean()).isTrue();
        assertThat(queryLong(false, "select count(*) from orders")).isEqualTo(ORDERS);
        run.cancel(new CancelRequest("alice", "test over"));
      } finally {
        second.descendants().forEach(ProcessHandle::destroyForcibly);
        second.destroyForcibly().waitFor();
        stubs.shutdownNow();
      }
    }
  }

  // ------------------------------------------------------------------------------------------ helpers

  /** The restore itself (the snapshot step also runs pg_restore, to list the dump). */
  private static boolean isRestoring(ProcessHandle p) {
    return p.info().command().orElse("").endsWith("pg_restore")
        && List.of(p.info().arguments().orElse(new String[0])).contains("--exit-on-error");
  }

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

  private JsonNode json(String runId, String name) throws Exception {
    return new ObjectMapper().readTree(evidence.find(runId, name).orElseThrow().toFile());
  }

  static StepState step(RehearsalState state, String name) {
    return state.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  static long queryLong(boolean production, String sql) throws SQLException {
    try (Connection c = servers.appConnection(production); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void script(Path file, String body) throws Exception {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static RehearsalState awaitStatus(RehearsalWorkflow run, RunStatus status) throws InterruptedException {
    return await(run, s -> s.status() == status || s.status().isFinal(), "status " + status);
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

  private static Logger rootLogger() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
