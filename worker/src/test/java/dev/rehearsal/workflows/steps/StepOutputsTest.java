package dev.rehearsal.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.postgres.PgTools;
import dev.rehearsal.activities.postgres.PostgresActivitiesImpl;
import dev.rehearsal.activities.reports.HtmlReport;
import dev.rehearsal.activities.reports.MarkdownReport;
import dev.rehearsal.activities.reports.RunReport;
import dev.rehearsal.activities.steps.StepActivitiesImpl;
import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.EchoingLogin;
import dev.rehearsal.testing.HistoryRecorder;
import dev.rehearsal.testing.HistoryText;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.testing.PostgresServers;
import dev.rehearsal.testing.StepDirs;
import dev.rehearsal.testing.TokenTarget;
import dev.rehearsal.workflows.rehearsal.CancelRequest;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflowImpl;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 13, outputs: steps hand values on to later steps. A login's token is a secret output: later calls use it, yet
 * it is found nowhere a run leaves things; ordinary outputs of every source are shown in the state.
 */
class StepOutputsTest {
  private static final String QUEUE = "outputs-test";
  private static PostgresServers servers;

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private EvidenceStore evidence;
  private TokenTarget app;
  private ListAppender<ILoggingEvent> logs;
  private RehearsalWorkflow lastRun;

  @BeforeAll
  static void startServers() {
    servers = new PostgresServers();
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
    env = TestWorkflowEnvironment.newInstance();
    evidence = new EvidenceStore(dir.resolve("data"));
    Map<String, String> secrets = Map.of("APP_PASSWORD", TokenTarget.PASSWORD, "STAGING_DATABASE_URL", servers.stagingUrl(),
        "PATH", System.getenv("PATH"), "HOME", System.getProperty("user.home"));
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RehearsalWorkflowImpl.class);
    worker.registerActivitiesImplementations(new StepActivitiesImpl(evidence, secrets::get),
        new PostgresActivitiesImpl(evidence, new PgTools(null, System::getenv), secrets::get));
    env.start();
    client = env.getWorkflowClient();
    app = new TokenTarget();
  }

  /** With {@code -Drehearsal.record-histories=<dir>}, writes each test's history there (see HistoryReplayTest). */
  @AfterEach
  void stop(TestInfo test) throws Exception {
    rootLogger().detachAppender(logs);
    HistoryRecorder.recordIfAsked(client, lastRun, test, "outputs-");
    app.close();
    env.close();
  }

  @Test
  void aLoginTokenIsUsedByLaterCallsYetFoundNowhereAndOrdinaryOutputsAreShown() throws Exception {
    RehearsalWorkflow run = start("""
        phases:
          preflight:
            - name: login
              http:
                target: app
                method: POST
                path: /api/login
                body: '{"user": "rehearsal", "password": "${env:APP_PASSWORD}"}'
              outputs:
                token: { json: /token, secret: true }
                requestId: { header: X-Request-ID }
                loginStatus: { status: true }
            - name: version
              command: { run: [sh, -c, 'echo "{\\"major\\": 16, \\"tags\\": [\\"a\\"]}"'] }
              outputs: { major: { json: /major } }
            - name: build
              command: { run: [sh, -c, 'echo build=abc123; echo ticket-42 > ticket.txt'] }
              outputs: { build: { regex: "build=(\\\\w+)" }, ticket: { file: ticket.txt } }
            - name: pg
              sql: { target: staging-db, query: "select split_part(current_setting('server_version'), '.', 1) as major" }
              outputs: { major: { column: major } }
          smoke:
            - name: me
              http:
                target: app
                path: "/api/me/${steps.login.outputs.requestId}"
                headers: { Authorization: "Bearer ${steps.login.outputs.token}" }
            - name: echo-token
              command: { run: [sh, -c, 'echo "token=$TOKEN"'], env: { TOKEN: "${steps.login.outputs.token}" } }
            - name: refresh
              http: { target: app, method: POST, path: /api/refresh, headers: { Authorization: "Bearer ${steps.login.outputs.token}" } }
              outputs: { token: { json: /token, secret: true } }
            - name: me-again
              http: { target: app, path: /api/me, headers: { Authorization: "Bearer ${steps.refresh.outputs.token}" } }
            - name: use-all
              command:
                run: [sh, -c, 'echo "$0"', "${steps.version.outputs.major}-${steps.build.outputs.build}-${steps.build.outputs.ticket}-${steps.pg.outputs.major}"]
                expect: { outputMatches: "^16-abc123-ticket-42-[0-9]+$" }
          signoff: {}
        """);
    RehearsalState state = Await.value(run::state, s -> s.status() != RunStatus.RUNNING, "the run to await approval");
    String id = WorkflowStubs.id(run);
    run.cancel(new CancelRequest("alice", "done"));

    assertThat(state.steps()).as(state.toString()).allSatisfy(s -> assertThat(s.status()).isEqualTo(StepStatus.SUCCEEDED));
    assertThat(app.logins()).isEqualTo(1);
    assertThat(app.authorized()).as("me, refresh and me-again carried a valid token").isEqualTo(3);
    Map<String, Map<String, String>> outputs = state.steps().stream()
        .collect(Collectors.toMap(StepState::name, StepState::outputs));
    assertThat(outputs.get("login")).containsExactlyInAnyOrderEntriesOf(
        Map.of("token", "********", "requestId", "req-1-0", "loginStatus", "200"));
    assertThat(outputs.get("version")).containsExactlyEntriesOf(Map.of("major", "16"));
    assertThat(outputs.get("build")).containsExactlyInAnyOrderEntriesOf(Map.of("build", "abc123", "ticket", "ticket-42"));
    assertThat(outputs.get("pg").get("major")).matches("\\d+");
    assertThat(outputs.get("refresh")).containsExactlyEntriesOf(Map.of("token", "********"));
    assertThat(outputs.get("me")).isEmpty();
    assertThat(state.steps().get(4).summary()).as("the ordinary output was substituted into the path").contains("/api/me/req-1-0");
    assertThat(text(id, "login.a1.response.txt")).contains("\"token\":\"********\"");
    assertThat(text(id, "echo-token.a1.stdout.log")).isEqualTo("token=********\n");

    String history = HistoryText.withDecodedPayloads(client.fetchHistory(id).toJson(true));
    assertThat(history).as("a secret reference stays text in history").contains("Bearer ${steps.login.outputs.token}")
        .contains("16-abc123-ticket-42-");
    RunReport report = RunReport.of(state);
    String everything = history + state + MarkdownReport.render(report) + HtmlReport.render(report, name -> Optional.empty())
        + JacksonJsonPayloadConverter.newDefaultObjectMapper().writeValueAsString(report)
        + logs.list.stream().map(e -> e.getFormattedMessage() + e.getThrowableProxy()).collect(Collectors.joining("\n"));
    assertThat(app.issued()).hasSize(2);
    for (String token : app.issued()) {
      assertThat(everything).doesNotContain(token).doesNotContain(token.substring(4));
      assertNotInAnyFile(dir.resolve("data"), token);
    }
    try (var files = Files.walk(dir.resolve("data").resolve("secret-outputs"))) {
      List<Path> kept = files.filter(Files::isRegularFile).toList();
      assertThat(kept).as("the key and the two secret values").hasSize(3)
          .allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
    }
  }

  @Test
  void anOutputThatCannotBeTakenFailsItsStepAndALaterUseOfItFailsNamingIt() {
    RehearsalWorkflow run = start("""
        phases:
          preflight:
            - name: login
              http: { target: app, method: POST, path: /api/login, body: '{"password": "${env:APP_PASSWORD}"}' }
              outputs: { token: { json: /accessToken, secret: true } }
          rollback:
            - name: logout
              http: { target: app, path: /api/me, headers: { Authorization: "Bearer ${steps.login.outputs.token}" } }
          signoff: {}
        """);
    RehearsalState end = Await.value(run::state, s -> s.status().isFinal(), "the run to fail");

    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    assertThat(end.steps().get(0).summary()).contains("output token: /accessToken is missing in the body");
    assertThat(end.steps().get(1).status()).isEqualTo(StepStatus.FAILED);
    assertThat(end.steps().get(1).summary()).contains("output 'token' of step 'login' was not produced");
  }

  @Test
  void aRerunOfTheProducerHandsOnItsFreshValues() {
    RehearsalWorkflow run = start("""
        phases:
          preflight:
            - name: login
              http: { target: app, method: POST, path: /api/login, body: '{"password": "${env:APP_PASSWORD}"}' }
              outputs: { token: { json: /token, secret: true }, requestId: { header: X-Request-ID } }
          rollback:
            - { name: again, rerun: preflight }
            - name: me
              http: { target: app, path: "/api/me/${steps.login.outputs.requestId}", headers: { Authorization: "Bearer ${steps.login.outputs.token}" } }
          signoff: {}
        """);
    RehearsalState state = Await.value(run::state, s -> s.status() != RunStatus.RUNNING, "the run to await approval");
    run.cancel(new CancelRequest("alice", "done"));

    assertThat(state.steps()).as(state.toString()).extracting(StepState::status).containsOnly(StepStatus.SUCCEEDED);
    assertThat(app.logins()).isEqualTo(2);
    assertThat(state.steps().get(1).name()).isEqualTo("again:login");
    assertThat(state.steps().get(1).outputs()).containsEntry("requestId", "req-2-0").containsEntry("token", "********");
    assertThat(state.steps().get(2).summary()).as("the second login's values, its token the only valid one")
        .contains("/api/me/req-2-0 -> 200");
  }

  /**
   * Hostile test: a token with a quote, a slash and a non-ASCII letter went JSON-escaped into evidence, summaries and
   * history; a later step that received it (or the session) without referencing it kept it raw, and took the session
   * cookie as an ordinary output into history and state.
   */
  @Test
  void aSecretOutputIsMaskedInItsJsonFormsAndInLaterStepsThatReceiveItUnasked() throws Exception {
    try (EchoingLogin odd = new EchoingLogin()) {
      RehearsalWorkflow run = start("""
            odd: { http: { baseUrl: "%s" } }
          """.formatted(odd.baseUrl()), """
          phases:
            preflight:
              - name: login
                http: { target: odd, method: POST, path: /login }
                outputs: { token: { json: /token, secret: true }, session: { json: /session, secret: true } }
            smoke:
              - name: profile
                http: { target: odd, path: /echo }
              - name: cookie
                http: { target: odd, path: /echo, expect: { json: { /tok: nope } } }
                outputs: { cookie: { header: Set-Cookie } }
            signoff: {}
          """);
      RehearsalState end = Await.value(run::state, s -> s.status().isFinal(), "the run to fail");
      String id = WorkflowStubs.id(run);

      assertThat(end.status()).isEqualTo(RunStatus.FAILED);
      assertThat(end.steps()).extracting(StepState::status)
          .containsExactly(StepStatus.SUCCEEDED, StepStatus.SUCCEEDED, StepStatus.FAILED);
      assertThat(end.steps().get(2).summary())
          .contains("/tok is \"********\", expected \"nope\"")
          .contains("output cookie holds a secret value; mark it 'secret: true'");
      assertThat(end.steps().get(2).outputs()).isEmpty();
      assertThat(text(id, "login.a1.response.txt")).contains("{\"token\":\"********\",\"session\":\"********\"}");
      assertThat(text(id, "profile.a1.response.txt")).contains("{\"tok\":\"********\"}");

      String history = HistoryText.withDecodedPayloads(client.fetchHistory(id).toJson(true));
      RunReport report = RunReport.of(end);
      String everything = history + end + MarkdownReport.render(report) + HtmlReport.render(report, name -> Optional.empty())
          + JacksonJsonPayloadConverter.newDefaultObjectMapper().writeValueAsString(report)
          + logs.list.stream().map(e -> e.getFormattedMessage() + e.getThrowableProxy()).collect(Collectors.joining("\n"));
      for (String part : List.of("Zz9931", "ab/cd", "ab\\/cd", EchoingLogin.SESSION)) {
        assertThat(everything).doesNotContain(part);
        assertNotInAnyFile(dir.resolve("data"), part);
      }
    }
  }

  private RehearsalWorkflow start(String phases) {
    return start("", phases);
  }

  /** @param moreTargets YAML lines of further targets, indented as entries of {@code targets} */
  private RehearsalWorkflow start(String moreTargets, String phases) {
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("rh-" + UUID.randomUUID()).build());
    WorkflowClient.start(run::run, new RehearsalInput(Plans.parse("""
        apiVersion: rehearsal/v1
        name: outputs
        environment: staging
        targets:
          app: { http: { baseUrl: "%s" } }
          staging-db: { postgres: { url: "${env:STAGING_DATABASE_URL}" } }
        """.formatted(app.baseUrl()) + moreTargets + phases), "v1", Map.of(), "alice"));
    lastRun = run;
    return run;
  }

  private String text(String id, String evidenceName) {
    return new String(evidence.read(id, evidenceName), StandardCharsets.UTF_8);
  }

  /** Every file, read as bytes: the secret must not be in any of them, in any encoding a plain search finds. */
  static void assertNotInAnyFile(Path root, String secret) throws Exception {
    try (var files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(secret);
      }
    }
  }

  private static Logger rootLogger() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static final class WorkflowStubs {
    static String id(RehearsalWorkflow run) {
      return io.temporal.client.WorkflowStub.fromTyped(run).getExecution().getWorkflowId();
    }
  }
}
