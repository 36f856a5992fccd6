package dev.rehearsal.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.RehearsalApplication;
import dev.rehearsal.api.audit.AuditCommand;
import dev.rehearsal.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The all-in-one app in local mode (in-memory Temporal) on a data directory, with four users covering the roles. */
public final class LocalApp {
  public static final String ALICE = "alice-token";
  public static final String BOB = "bob-token";
  public static final String CAROL = "carol-token";
  public static final String DAVE = "dave-token";

  /** name, roles, token: the four users every app of these tests knows. */
  private static final String[][] USERS = {{"alice", "ENGINEER", ALICE}, {"bob", "APPROVER", BOB}, {"carol", "APPROVER", CAROL},
      {"dave", "AUDITOR", DAVE}};

  private LocalApp() {}

  /** The four users as Spring properties, for a {@code @SpringBootTest}'s {@code @DynamicPropertySource}. */
  public static void registerUsers(DynamicPropertyRegistry registry) {
    for (int i = 0; i < USERS.length; i++) {
      String prefix = "rehearsal.security.users[" + i + "].";
      String[] user = USERS[i];
      registry.add(prefix + "name", () -> user[0]);
      registry.add(prefix + "roles", () -> user[1]);
      registry.add(prefix + "token", () -> user[2]);
    }
  }

  /**
   * Users of a test's own as Spring properties; each row is name, roles, token, groups (comma-separated, "" for
   * none).
   */
  public static void registerUsers(DynamicPropertyRegistry registry, String[][] users) {
    for (int i = 0; i < users.length; i++) {
      String prefix = "rehearsal.security.users[" + i + "].";
      String[] user = users[i];
      registry.add(prefix + "name", () -> user[0]);
      registry.add(prefix + "roles", () -> user[1]);
      registry.add(prefix + "token", () -> user[2]);
      if (!user[3].isEmpty()) {
        registry.add(prefix + "groups", () -> user[3]);
      }
    }
  }

  /** A new directory steps can write to: they run as an unprivileged user when the tests run as root. */
  public static Path stepWorkDir(String prefix) throws IOException {
    Path work = Files.createTempDirectory(prefix);
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
    return work;
  }

  public static ConfigurableApplicationContext start(Path data, String... extra) {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--temporal.local-port=0", "--rehearsal.data-dir=" + data));
    args.addAll(List.of(extra));
    for (int i = 0; i < USERS.length; i++) {
      args.add("--rehearsal.security.users[" + i + "].name=" + USERS[i][0]);
      args.add("--rehearsal.security.users[" + i + "].roles=" + USERS[i][1]);
      args.add("--rehearsal.security.users[" + i + "].token=" + USERS[i][2]);
    }
    return new SpringApplicationBuilder(RehearsalApplication.class).run(args.toArray(String[]::new));
  }

  static ApiClient client(ConfigurableApplicationContext app) {
    return new ApiClient(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
  }

  /** Starts a one-step run as alice and waits for it to await sign-off; its id. */
  public static String startAndAwaitApproval(ApiClient api, String plan, String rc) {
    ApiClient.Response started = api.post("/api/v1/rehearsals", ALICE, "application/yaml", """
        releaseCandidate: %s
        plan:
          apiVersion: rehearsal/v1
          name: %s
          environment: staging
          phases:
            smoke: [ { name: check, command: { run: [echo, checked] } } ]
            signoff: {}
        """.formatted(rc, plan));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().get("id").asText();
    Await.value(() -> api.get("/api/v1/rehearsals/" + id, DAVE).json(), s -> s.get("status").asText().equals("AWAITING_APPROVAL"),
        id + " to await approval");
    return id;
  }

  /**
   * Starts alice's run of {@code plan} whose restore fails until {@code fixed} exists (asking for a decision then),
   * its steps appending to {@code log}; waits for it to ask, and answers its id.
   */
  public static String startAndAwaitDecision(ApiClient api, String plan, Path log, Path fixed) {
    ApiClient.Response started = api.post("/api/v1/rehearsals", ALICE, "application/yaml", """
        releaseCandidate: v1
        plan:
          apiVersion: rehearsal/v1
          name: %1$s
          environment: staging
          onFailure: ask
          failureDecisionTimeout: 4h
          phases:
            snapshot: [ { name: snapshot, command: { run: [sh, -c, "echo snapshot >> %2$s"] } } ]
            restore:
              - { name: restore, retry: { maxAttempts: 1 }, command: { run: [sh, -c, "test -f %3$s && echo restore >> %2$s"] } }
            signoff: {}
        """.formatted(plan, log, fixed));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().get("id").asText();
    Await.value(() -> api.get("/api/v1/rehearsals/" + id, DAVE).json(), s -> s.path("waitingFor").isObject(),
        id + " to wait for a decision");
    return id;
  }

  /** The ids the list shows for {@code query}, as the auditor sees them. */
  static List<String> ids(ApiClient api, String query) {
    ApiClient.Response list = api.get("/api/v1/rehearsals" + query, DAVE);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    list.json().get("items").forEach(i -> ids.add(i.get("id").asText()));
    return ids;
  }

  /** {@code java -jar rehearsal.jar audit verify --data-dir DATA OPTIONS}: its report; exit 0 exactly when it says OK. */
  static String auditVerify(Path data, String... options) {
    List<String> args = new ArrayList<>(List.of("audit", "verify", "--data-dir", data.toString()));
    args.addAll(List.of(options));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = AuditCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(text).isEqualTo(text.startsWith("OK") ? 0 : 1);
    return text;
  }
}
