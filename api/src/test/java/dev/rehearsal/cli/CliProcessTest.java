package dev.rehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.LocalApp;
import dev.rehearsal.api.console.ConsoleApp;
import dev.rehearsal.testing.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line as a pipeline runs it: a separate process (the test's classpath, {@link Cli} as main class)
 * against the real local-mode app, the token in the environment only; every exit code read from the process.
 */
class CliProcessTest extends ConsoleApp {
  private static final String PASS_PHASES = """
      phases:
        smoke:
          - name: check
            command: { run: [echo, '{"errors": 0}'] }
            gates:
              printed: { stdout: true, pointer: /errors, pass: 0, warn: 5 }
        signoff: {}
      """;
  private static final String WARN_PHASES = PASS_PHASES.replace("{\"errors\": 0}", "{\"errors\": 3}");
  private static final String FAILING_PHASES = """
      phases:
        smoke:
          - name: broken
            command: { run: [sh, -c, 'exit 3'] }
        signoff: {}
      """;

  private static Path dir;

  @BeforeAll
  static void files() throws IOException {
    dir = Files.createTempDirectory("rehearsal-cli-test");
    Files.createDirectories(dir.resolve("config"));
  }

  @Test
  void validateChecksAPlanOfflineAndNamesEveryProblemByItsPath() throws IOException {
    Path valid = plan("cli-valid", PASS_PHASES);
    Path invalid = Files.writeString(dir.resolve("invalid.yaml"), """
        apiVersion: rehearsal/v1
        name: cli-invalid
        environment: staging
        colour: blue
        phases:
          smoke:
            - name: check
              command: { runn: [echo] }
        """);

    CliProcess.Result ok = cli(null, "validate", valid.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains(valid + ": valid");

    CliProcess.Result bad = cli(null, "validate", invalid.toString());
    assertThat(bad.exit()).isEqualTo(65);
    assertThat(bad.out()).contains(invalid + ":4: colour: ", invalid + ":8: phases.smoke[0].command");
    assertThat(bad.err().lines()).singleElement().asString().contains("problem(s)");

    CliProcess.Result missing = cli(null, "validate", dir.resolve("nowhere.yaml").toString());
    assertThat(missing.exit()).isEqualTo(64);
    assertThat(missing.err().lines()).singleElement().asString().contains("nowhere.yaml: no such file");

    CliProcess.Result flags = cli(null, "validate", valid.toString(), "--colour", "blue");
    assertThat(flags.exit()).isEqualTo(64);
    assertThat(flags.err().lines()).singleElement().asString().contains("unknown option --colour", "usage: rehearsal validate");

    CliProcess.Result tokenFlag = cli(null, "status", "x", "--token", LocalApp.ALICE);
    assertThat(tokenFlag.exit()).isEqualTo(64);
    assertThat(tokenFlag.err()).contains("REHEARSAL_TOKEN").doesNotContain("Exception");
  }

  @Test
  void aPassingRunIsReadyAtSignOffAndSucceedsOnceApproved() throws IOException {
    CliProcess.Result started = cli(LocalApp.ALICE, "start", plan("cli-pass", PASS_PHASES).toString(), "--rc", "v1.0.0", "--wait");
    assertThat(started.exit()).as(started.out() + started.err()).isZero();
    String id = started.id();
    assertThat(started.out()).contains(baseUrl() + "/runs/" + id, "status     AWAITING_APPROVAL", "readiness  PASS",
        "smoke/check  SUCCEEDED", "check.printed  PASS");
    assertThat(started.command()).as("the token never shows in the process's arguments")
        .noneMatch(arg -> arg.contains(LocalApp.ALICE));

    CliProcess.Result approved = cli(LocalApp.BOB, "approve", id, "--comment", "Looks good");
    assertThat(approved.exit()).as(approved.err()).isZero();
    assertThat(approved.out()).contains("approved " + id + " (evidence sha256:");

    CliProcess.Result status = Await.value(() -> cli(LocalApp.DAVE, "status", id), r -> r.out().contains("SUCCEEDED"), id + " to succeed");
    assertThat(status.exit()).isZero();
  }

  @Test
  void aWarnGateNeedsAWaiverAndARejectionEndsWithFour() throws IOException {
    CliProcess.Result started = cli(LocalApp.ALICE, "start", plan("cli-warn", WARN_PHASES).toString(), "--rc", "v1.0.1", "--wait");
    assertThat(started.exit()).as(started.out() + started.err()).isEqualTo(2);
    assertThat(started.out()).contains("check.printed  WARN");
    String id = started.id();

    CliProcess.Result unwaived = cli(LocalApp.BOB, "approve", id, "--comment", "fine");
    assertThat(unwaived.exit()).isEqualTo(1);
    assertThat(unwaived.err().lines()).singleElement().asString().contains("409", "check.printed");

    assertThat(cli(LocalApp.BOB, "reject", id, "--comment", "Too many errors").exit()).isZero();
    CliProcess.Result status = Await.value(() -> cli(LocalApp.DAVE, "status", id), r -> r.out().contains("REJECTED"), id + " to be rejected");
    assertThat(status.exit()).isEqualTo(4);
  }

  @Test
  void aFailingStepEndsWithThreeAndACancelledRunWithSix() throws IOException {
    CliProcess.Result failed = cli(LocalApp.ALICE, "start", plan("cli-fail", FAILING_PHASES).toString(), "--rc", "v1.0.2", "--wait", "--until", "end");
    assertThat(failed.exit()).as(failed.out() + failed.err()).isEqualTo(3);
    assertThat(failed.out()).contains("status     FAILED", "smoke/broken  FAILED");

    CliProcess.Result waiting = cli(LocalApp.ALICE, "start", plan("cli-cancel", PASS_PHASES).toString(), "--rc", "v1.0.3", "--wait");
    String id = waiting.id();
    assertThat(cli(LocalApp.ALICE, "cancel", id, "--reason", "superseded by v1.0.4").exit()).isZero();
    CliProcess.Result status = Await.value(() -> cli(LocalApp.DAVE, "status", id), r -> r.out().contains("CANCELLED"), id + " to be cancelled");
    assertThat(status.exit()).isEqualTo(6);
  }

  @Test
  void aWrongTokenAndAnUnreachableServerAreOneLineEach() throws IOException {
    CliProcess.Result wrong = cli("not-a-token", "status", "rh-nothing");
    assertThat(wrong.exit()).isEqualTo(77);
    assertThat(wrong.err().lines()).singleElement().asString().contains("not authenticated");

    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    CliProcess.Result unreachable = cli(LocalApp.DAVE, "status", "rh-nothing", "--url", "http://127.0.0.1:" + closed);
    assertThat(unreachable.exit()).isEqualTo(69);
    assertThat(unreachable.err().lines()).singleElement().asString().contains("cannot reach http://127.0.0.1:" + closed);

    Path tokenFile = Files.writeString(dir.resolve("token"), LocalApp.DAVE + "\n");
    CliProcess.Result fromFile = cli(null, "status", "rh-nothing", "--token-file", tokenFile.toString());
    assertThat(fromFile.exit()).as("dave is authenticated from the file; the run does not exist").isEqualTo(1);
    assertThat(fromFile.err().lines()).singleElement().asString().contains("404");
  }

  private static Path plan(String name, String phases) throws IOException {
    return Files.writeString(dir.resolve(name + ".yaml"), """
        apiVersion: rehearsal/v1
        name: %s
        environment: staging
        %s""".formatted(name, phases));
  }

  /** Runs the CLI as its own process; {@code token} goes in REHEARSAL_TOKEN (null: none), the server is this app. */
  private CliProcess.Result cli(String token, String... args) {
    return CliProcess.run(baseUrl(), dir, token, Map.of(), args);
  }
}
