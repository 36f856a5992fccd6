package dev.rehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.LocalApp;
import dev.rehearsal.api.console.ConsoleApp;
import dev.rehearsal.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code start --follow} and {@code follow ID} as a pipeline's job log shows them: the CLI as its own process (no
 * terminal) against the real local-mode app; every exit code reached by a real run, and what start hands the server.
 */
class CliFollowTest extends ConsoleApp {
  private static final Map<String, String> FAST_POLL = Map.of("REHEARSAL_POLL_MS", "200");
  private static final String GATED_STEP = """
          - name: check
            command: { run: [echo, '{"errors": %d}'] }
            gates:
              printed: { stdout: true, pointer: /errors, pass: 0, warn: 5 }
      """;

  private static Path dir;

  @BeforeAll
  static void files() throws IOException {
    dir = Files.createTempDirectory("rehearsal-cli-follow-test");
    Files.createDirectories(dir.resolve("config"));
  }

  @Test
  void followPrintsOneLinePerEventUntilSignOffAndWhereToLook() throws IOException {
    // Steps run as another user (StepIsolation): the mark goes where that user may write.
    Path shared = Files.createTempDirectory("rehearsal-cli-follow-shared");
    Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Path mark = shared.resolve("flaky-has-failed-once");
    Path plan = plan("cli-follow", """
        phases:
          preflight:
            - name: prepare
              command: { run: [sleep, '1'] }
          smoke:
            - name: flaky
              retry: { maxAttempts: 3, initialInterval: 3s, backoffCoefficient: 1.0 }
              command: { run: [sh, -c, 'if [ -e %1$s ]; then echo recovered; else touch %1$s; echo database not ready >&2; exit 1; fi'] }
        %2$s  signoff: {}
        """.formatted(mark, GATED_STEP.formatted(0)));

    CliProcess.Result followed = cli(LocalApp.ALICE, "start", plan.toString(), "--rc", "v2.0.0", "--follow");

    assertThat(followed.exit()).as(followed.out() + followed.err()).isZero();
    String id = followed.id();
    List<String> events = followed.out().lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d .*")).map(l -> l.substring(9)).toList();
    assertThat(events).as(followed.out()).containsSubsequence(
        "phase preflight",
        "step prepare started (attempt 1)",
        "phase smoke",
        "step flaky started (attempt 1)");
    assertThat(events).anySatisfy(l -> assertThat(l).startsWith("step prepare finished SUCCEEDED in "));
    assertThat(events).anySatisfy(l -> assertThat(l).startsWith("step flaky retried (attempt 2): ").contains("exit"));
    assertThat(events).anySatisfy(l -> assertThat(l).startsWith("step flaky finished SUCCEEDED in ").contains("after 2 attempts"));
    assertThat(events).contains("gate check.printed PASS measured 0 vs pass 0, warn 5");
    assertThat(events).anySatisfy(l -> assertThat(l).startsWith("waiting for sign-off by APPROVER (1 more): readiness PASS"));
    assertThat(events.indexOf("phase smoke")).isLessThan(events.indexOf("gate check.printed PASS measured 0 vs pass 0, warn 5"));
    assertThat(followed.out()).as("plain lines in a job log").doesNotContain("\r", "\033")
        .contains("page       " + baseUrl() + "/runs/" + id, "report     " + baseUrl() + "/api/v1/rehearsals/" + id + "/report");
  }

  @Test
  void aWarnGateNeedsAWaiverAndAFailedStepEndsWithThree() throws IOException {
    CliProcess.Result warn = cli(LocalApp.ALICE, "start", plan("cli-follow-warn", "phases:\n  smoke:\n" + GATED_STEP.formatted(3) + "  signoff: {}\n").toString(),
        "--rc", "v2.0.1", "--follow");
    assertThat(warn.exit()).as(warn.out() + warn.err()).isEqualTo(2);
    assertThat(warn.out()).contains("gate check.printed WARN measured 3 vs pass 0, warn 5", "readiness WARN");

    CliProcess.Result failed = cli(LocalApp.ALICE, "start", plan("cli-follow-fail", """
        phases:
          smoke:
            - name: broken
              retry: { maxAttempts: 1 }
              command: { run: [sh, -c, 'echo disk full >&2; exit 3'] }
          signoff: {}
        """).toString(), "--rc", "v2.0.2", "--follow", "--until", "end");
    assertThat(failed.exit()).as(failed.out() + failed.err()).isEqualTo(3);
    assertThat(failed.out()).containsPattern("step broken finished FAILED in [0-9.]+s: ").contains("run FAILED");
  }

  @Test
  void aFollowerReattachedToARunSeesItRejectedOrCancelled() throws IOException {
    Path pass = plan("cli-follow-decided", "phases:\n  smoke:\n" + GATED_STEP.formatted(0) + "  signoff: {}\n");
    String rejected = cli(LocalApp.ALICE, "start", pass.toString(), "--rc", "v2.0.3").id();
    String cancelled = cli(LocalApp.ALICE, "start", pass.toString(), "--rc", "v2.0.4").id();
    CliProcess toReject = CliProcess.start(baseUrl(), dir, LocalApp.DAVE, FAST_POLL, "follow", rejected, "--until", "end");
    CliProcess toCancel = CliProcess.start(baseUrl(), dir, LocalApp.DAVE, FAST_POLL, "follow", cancelled, "--until", "end");
    Await.until(() -> toReject.outSoFar().contains("waiting for sign-off") && toCancel.outSoFar().contains("waiting for sign-off"),
        "both followers to see the runs wait for sign-off");

    assertThat(cli(LocalApp.BOB, "reject", rejected, "--comment", "Not this one").exit()).isZero();
    assertThat(cli(LocalApp.ALICE, "cancel", cancelled, "--reason", "superseded by v2.0.5").exit()).isZero();

    CliProcess.Result sawRejection = toReject.result();
    assertThat(sawRejection.exit()).as(sawRejection.out() + sawRejection.err()).isEqualTo(4);
    assertThat(sawRejection.out()).contains("step check finished SUCCEEDED", "run REJECTED");
    CliProcess.Result sawCancel = toCancel.result();
    assertThat(sawCancel.exit()).as(sawCancel.out() + sawCancel.err()).isEqualTo(6);
    assertThat(sawCancel.out()).contains("run CANCELLED by alice: superseded by v2.0.5");
  }

  @Test
  void aSignOffNobodyGivesInTimeEndsWithFive() throws IOException {
    Path plan = plan("cli-follow-timeout", "phases:\n  smoke:\n" + GATED_STEP.formatted(0) + "  signoff: { timeout: 3s }\n");

    CliProcess.Result timedOut = cli(LocalApp.ALICE, "start", plan.toString(), "--rc", "v2.0.6", "--follow", "--until", "end");

    assertThat(timedOut.exit()).as(timedOut.out() + timedOut.err()).isEqualTo(5);
    assertThat(timedOut.out()).contains("timeout 3s", "run TIMED_OUT");
  }

  @Test
  void startHandsItsParametersToTheRunAndAnIdempotencyKeyStartsItOnce() throws IOException {
    Path plan = plan("cli-follow-params", "phases:\n  smoke:\n" + GATED_STEP.formatted(0) + "  signoff: {}\n");

    CliProcess.Result first = cli(LocalApp.ALICE, "start", plan.toString(), "--rc", "v2.1.0", "--param", "region=eu-west",
        "--param", "ticket=REL-42", "--idempotency-key", "pipeline-981");
    CliProcess.Result again = cli(LocalApp.ALICE, "start", plan.toString(), "--rc", "v2.1.0", "--param", "region=eu-west",
        "--param", "ticket=REL-42", "--idempotency-key", "pipeline-981");

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.id()).as("the same key lands on the same run").isEqualTo(first.id());
    var parameters = api().get("/api/v1/rehearsals/" + first.id(), LocalApp.DAVE).json().path("parameters");
    assertThat(parameters.path("region").asText()).isEqualTo("eu-west");
    assertThat(parameters.path("ticket").asText()).isEqualTo("REL-42");
    assertThat(parameters.path("releaseCandidate").asText()).isEqualTo("v2.1.0");

    CliProcess.Result reused = cli(LocalApp.ALICE, "start", plan.toString(), "--rc", "v2.1.1", "--param", "region=eu-west",
        "--param", "ticket=REL-42", "--idempotency-key", "pipeline-981");
    assertThat(reused.exit()).as("a key reused for another release candidate is refused, not the old run").isEqualTo(1);
    assertThat(reused.out()).isEmpty();
    assertThat(reused.errorLine()).contains("idempotency key pipeline-981 was used for a different request (plan cli-follow-params, rc v2.1.0)");
  }

  @Test
  void followFlagsThatCannotGoTogetherAreOneUsageLine() throws IOException {
    Path plan = plan("cli-follow-usage", "phases:\n  smoke:\n" + GATED_STEP.formatted(0) + "  signoff: {}\n");

    CliProcess.Result both = cli(LocalApp.ALICE, "start", plan.toString(), "--rc", "v3", "--wait", "--follow");
    assertThat(both.exit()).isEqualTo(64);
    assertThat(both.err().lines()).singleElement().asString().contains("--wait and --follow", "usage: rehearsal start");

    CliProcess.Result until = cli(LocalApp.ALICE, "follow", "rh-anything", "--until", "lunch");
    assertThat(until.exit()).isEqualTo(64);
    assertThat(until.err().lines()).singleElement().asString().contains("--until takes signoff or end", "usage: rehearsal follow ID");
  }

  private static Path plan(String name, String phases) throws IOException {
    return Files.writeString(dir.resolve(name + ".yaml"), """
        apiVersion: rehearsal/v1
        name: %s
        environment: staging
        %s""".formatted(name, phases));
  }

  private CliProcess.Result cli(String token, String... args) {
    return CliProcess.run(baseUrl(), dir, token, FAST_POLL, args);
  }
}
